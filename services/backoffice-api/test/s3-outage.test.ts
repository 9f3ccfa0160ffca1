import { createObjectStore, sweep } from '@brandi/storage';
import { captureLogger, readLedger } from '@brandi/storage/testing';
import { buildApp } from '../src/app.js';
import { startTestApp, type TestContext } from './harness.js';
import { createStoredProduct, jpegFiles, multipart, productJson, productTableCounts, referencedKeys } from './products.fixtures.js';
import { bearerFor, createSeller } from './sellers.fixtures.js';

// S3 is down (nothing listens at its endpoint): writes with images answer 503 and leave nothing behind; reads
// of existing products keep working because they never touch S3.

let ctx: TestContext;
let sellerId: number;
let productId: number;
beforeAll(async () => {
  ctx = await startTestApp();
  sellerId = await createSeller(ctx.db, { attributeId: 1 });
  productId = await createStoredProduct(ctx, sellerId);
});
afterAll(() => ctx.close());

test('register and modify answer 503 with nothing half-written; reads keep working', async () => {
  const deadStore = createObjectStore({ ...ctx.s3.config, endpoint: 'http://127.0.0.1:1' });
  const app = await buildApp({ config: ctx.config, db: ctx.db, store: deadStore });
  try {
    const auth = await bearerFor(app, sellerId);
    const countsBefore = await productTableCounts(ctx.db);
    const keysBefore = await ctx.s3.listKeys();

    const created = await multipart({ product: productJson() }, jpegFiles(2));
    const register = await app.inject({
      method: 'POST',
      url: '/products',
      payload: created.payload,
      headers: { ...auth, 'content-type': created.contentType },
    });
    expect(register.statusCode).toBe(503);
    expect(register.json().error.code).toBe('UNAVAILABLE');

    const version = (await app.inject({ method: 'GET', url: `/products/${productId}`, headers: auth })).json().version;
    const edit = await multipart({ product: { name: '바뀌면 안 되는 이름' }, imageOrder: [{ file: 0 }] }, jpegFiles(1));
    const modify = await app.inject({
      method: 'PATCH',
      url: `/products/${productId}`,
      payload: edit.payload,
      headers: { ...auth, 'content-type': edit.contentType, 'if-match': String(version) },
    });
    expect(modify.statusCode).toBe(503);

    expect(await productTableCounts(ctx.db)).toEqual(countsBefore);
    expect(await ctx.s3.listKeys()).toEqual(keysBefore);
    expect(await referencedKeys(ctx.db)).toEqual([...keysBefore].sort());
    // The undo could not reach S3 either: the keys (three images, each with its thumbnail) stay pending,
    // referenced by no row, for the sweeper.
    const pending = (await readLedger(ctx.db)).filter((r) => r.state === 'pending').map((r) => r.key);
    expect(pending).toHaveLength(6);
    expect(pending.some((key) => keysBefore.includes(key))).toBe(false);

    const read = await app.inject({ method: 'GET', url: `/products/${productId}`, headers: auth });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ version, name: expect.not.stringContaining('바뀌면') });
    expect((await app.inject({ method: 'GET', url: '/products', headers: auth })).json().total).toBe(1);
  } finally {
    await app.close();
  }
  // S3 is back: one sweep past the grace period settles the ledger.
  await sweep({ db: ctx.db, store: ctx.s3.store, logger: captureLogger() }, { graceSeconds: 0, now: new Date(Date.now() + 1000) });
  expect((await readLedger(ctx.db)).filter((r) => r.state === 'pending')).toEqual([]);
  expect((await ctx.s3.listKeys()).sort()).toEqual(await referencedKeys(ctx.db));
});
