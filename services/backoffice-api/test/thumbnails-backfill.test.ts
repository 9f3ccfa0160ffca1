import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { thumbnailKeyOf } from '@brandi/images';
import { captureLogger, failingPuts, readLedger } from '@brandi/storage/testing';
import sharp from 'sharp';
import { backfillThumbnails } from '../src/thumbnails/backfill-thumbnails.js';
import { startTestApp, type TestContext } from './harness.js';
import { createStoredProduct, referencedKeys } from './products.fixtures.js';
import { bearerFor, createSeller } from './sellers.fixtures.js';

// Images stored before thumbnails existed get theirs from `pnpm storage:thumbnails`, through the ledger.

let ctx: TestContext;
let seller: number;
beforeAll(async () => {
  ctx = await startTestApp();
  seller = await createSeller(ctx.db, { attributeId: 1 });
});
afterAll(() => ctx.close());

const deps = () => ({ db: ctx.db, store: ctx.s3.store, logger: captureLogger() });
const imageRows = () =>
  ctx.db.selectFrom('product_images').select(['id', 'product_id', 'object_key', 'thumbnail_key', 'position']).orderBy('id').execute();

test('old images get thumbnails in batches: objects, rows, main thumbnails, ledger and list; a re-run does nothing', async () => {
  const old = [
    await createStoredProduct(ctx, seller, { withThumbnails: false, imageCount: 2 }),
    await createStoredProduct(ctx, seller, { withThumbnails: false, imageCount: 3 }),
  ];
  const current = await createStoredProduct(ctx, seller, { imageCount: 1 });
  const before = await imageRows();
  expect(before.filter((row) => row.thumbnail_key === null)).toHaveLength(5);

  const batches: number[] = [];
  const result = await backfillThumbnails(deps(), { batchSize: 2, onBatch: (r) => batches.push(r.scanned) });
  expect(result).toEqual({ scanned: 5, created: 5, skipped: 0, failed: [] });
  expect(batches).toEqual([2, 4, 5]);

  const after = await imageRows();
  for (const row of after) expect(row.thumbnail_key).toBe(thumbnailKeyOf(row.object_key));
  const bucket = await ctx.s3.listKeys();
  expect(bucket.sort()).toEqual(await referencedKeys(ctx.db));
  const sample = after.find((row) => old.includes(row.product_id))!;
  await expect(sharp(await ctx.s3.store.get(sample.thumbnail_key!)).metadata()).resolves.toMatchObject({ format: 'webp', width: 360 });
  const ledger = new Map((await readLedger(ctx.db)).map((row) => [row.key, row.state]));
  for (const row of after) expect(ledger.get(row.thumbnail_key!)).toBe('live');

  const products = await ctx.db
    .selectFrom('products')
    .select(['id', 'main_image_key', 'main_thumbnail_key'])
    .where('id', 'in', [...old, current])
    .execute();
  for (const product of products) expect(product.main_thumbnail_key).toBe(thumbnailKeyOf(product.main_image_key!));
  const list = (
    await ctx.app.inject({ method: 'GET', url: `/products?searchField=id&q=${old[0]}`, headers: await bearerFor(ctx.app, seller) })
  ).json();
  expect(list.items[0].thumbnailUrl).toBe(
    ctx.s3.store.publicUrl(thumbnailKeyOf(list.items[0].imageUrl.split(`${ctx.s3.config.bucket}/`)[1])),
  );

  expect(await backfillThumbnails(deps())).toEqual({ scanned: 0, created: 0, skipped: 0, failed: [] });
});

test('an S3 failure leaves no orphan; the failed image is retried by the next run', async () => {
  await createStoredProduct(ctx, seller, { withThumbnails: false, imageCount: 3 });
  const fault = failingPuts(ctx.s3.store, { failOnCall: 2 });
  let first: Awaited<ReturnType<typeof backfillThumbnails>> | undefined;
  try {
    first = await backfillThumbnails(deps(), { concurrency: 1 });
  } finally {
    fault.restore();
  }
  expect(first).toMatchObject({
    scanned: 3,
    created: 2,
    skipped: 0,
    failed: [expect.objectContaining({ reason: expect.stringMatching(/Injected fault/) })],
  });
  expect((await ctx.s3.listKeys()).sort()).toEqual(await referencedKeys(ctx.db));
  expect((await readLedger(ctx.db)).filter((row) => row.state === 'pending')).toEqual([]);

  expect(await backfillThumbnails(deps())).toEqual({ scanned: 1, created: 1, skipped: 0, failed: [] });
  expect((await imageRows()).every((row) => row.thumbnail_key !== null)).toBe(true);
  expect((await ctx.s3.listKeys()).sort()).toEqual(await referencedKeys(ctx.db));
});

test('an image whose object is missing is reported and left as it is', async () => {
  const id = await createStoredProduct(ctx, seller, { withThumbnails: false, imageCount: 1 });
  const [row] = (await imageRows()).filter((r) => r.product_id === id);
  await ctx.s3.store.delete(row.object_key);
  const result = await backfillThumbnails(deps());
  expect(result).toMatchObject({ scanned: 1, created: 0, failed: [{ imageId: row.id, key: row.object_key, reason: expect.any(String) }] });
  expect((await imageRows()).find((r) => r.id === row.id)!.thumbnail_key).toBeNull();
  await ctx.db.deleteFrom('product_images').where('id', '=', row.id).execute();
});

test('`pnpm storage:thumbnails` runs the backfill and prints its counts', async () => {
  await createStoredProduct(ctx, seller, { withThumbnails: false, imageCount: 2 });
  const cli = fileURLToPath(new URL('../src/cli/thumbnails.ts', import.meta.url));
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm')).href;
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', tsx, '--conditions=@brandi/source', cli, '--batch', '1'], {
    env: {
      ...process.env,
      DATABASE_URL: ctx.config.DATABASE_URL,
      S3_ENDPOINT: ctx.s3.config.endpoint,
      S3_REGION: ctx.s3.config.region,
      S3_BUCKET: ctx.s3.config.bucket,
      S3_ACCESS_KEY_ID: ctx.s3.config.accessKeyId,
      S3_SECRET_ACCESS_KEY: ctx.s3.config.secretAccessKey,
      S3_FORCE_PATH_STYLE: 'true',
      S3_PUBLIC_URL: ctx.s3.config.publicUrl,
    },
  });
  expect(stdout).toContain('scanned 1, created 1, skipped 0, failed 0');
  expect(stdout).toContain('done: 2 thumbnail(s) created, 0 skipped, 0 failed, of 2 image(s) without one');
  expect((await ctx.s3.listKeys()).sort()).toEqual(await referencedKeys(ctx.db));
});
