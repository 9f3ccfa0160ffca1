import { createTestDb, type TestDb } from '@brandi/db/testing';
import { startTestS3, type RunningS3 } from '@brandi/storage/testing';
import { pino } from 'pino';
import { seedDemo } from './seed.js';

let t: TestDb;
let s3: RunningS3;
beforeAll(async () => {
  t = await createTestDb();
  s3 = await startTestS3();
});
afterAll(async () => {
  await t.destroy();
  await s3.close();
});

async function counts() {
  const n = async (table: 'sellers' | 'products' | 'product_images' | 'product_options' | 'shoppers' | 'questions' | 'product_revisions') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    sellers: await n('sellers'),
    products: await n('products'),
    images: await n('product_images'),
    options: await n('product_options'),
    shoppers: await n('shoppers'),
    questions: await n('questions'),
    revisions: await n('product_revisions'),
  };
}

test('the demo seed covers every attribute, puts real images in the bucket, and is idempotent', async () => {
  const deps = { db: t.db, store: s3.store, logger: pino({ level: 'silent' }) };
  const first = await seedDemo(deps, { products: 22 });
  expect(first.productsCreated).toBeGreaterThanOrEqual(22);
  const after1 = await counts();
  expect(after1.revisions).toBe(after1.products);

  const attributes = await t.db.selectFrom('sellers').select('attribute_id').distinct().where('role', '=', 'seller').execute();
  expect(attributes.map((a) => a.attribute_id).sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  const admin = await t.db.selectFrom('sellers').select(['role', 'status']).where('login_id', '=', 'admin').executeTakeFirstOrThrow();
  expect(admin).toEqual({ role: 'admin', status: 'active' });

  // Every image with its thumbnail, made as an upload would be (the demo JPEGs pass the full decode).
  const images = await t.db.selectFrom('product_images').select(['object_key', 'thumbnail_key']).execute();
  expect(images.every((r) => r.thumbnail_key === r.object_key.replace(/\.jpg$/, '_w360.webp'))).toBe(true);
  const imageKeys = images.flatMap((r) => [r.object_key, r.thumbnail_key!]).sort();
  expect(await s3.listKeys()).toEqual(imageKeys);

  const second = await seedDemo(deps, { products: 22 });
  expect(second).toEqual({ sellersCreated: 0, productsCreated: 0, shoppersCreated: 0, questionsCreated: 0 });
  expect(await counts()).toEqual(after1);
  expect((await s3.listKeys()).length).toBe(imageKeys.length);
});
