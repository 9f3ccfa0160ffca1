import { createTestDb, type TestDb } from '@brandi/db/testing';
import { startTestS3, type RunningS3 } from '@brandi/storage/testing';
import { pino } from 'pino';
import { sql } from '@brandi/db';
import { DEMO_SELLERS } from './catalog.js';
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

  await expectLivedInOrders();

  const second = await seedDemo(deps, { products: 22 });
  expect(second).toEqual({
    sellersCreated: 0,
    productsCreated: 0,
    shoppersCreated: 0,
    questionsCreated: 0,
    orders: { addressesCreated: 0, cartLinesCreated: 0, ordersCreated: 0, reviewsCreated: 0 },
  });
  expect(await counts()).toEqual(after1);
  expect((await s3.listKeys()).length).toBe(imageKeys.length);
}, 300_000);

/** Every demo seller has items in every desk tab, and everything kept beside the orders agrees with them. */
async function expectLivedInOrders() {
  const tabs = await t.db
    .selectFrom('order_item_counts as c')
    .innerJoin('sellers as s', 's.id', 'c.seller_id')
    .select(['s.login_id', 'c.status', 'c.item_count'])
    .where('c.item_count', '>', 0)
    .execute();
  for (const seller of DEMO_SELLERS) {
    expect({ seller: seller.loginId, tabs: tabs.filter((r) => r.login_id === seller.loginId).length }).toEqual({
      seller: seller.loginId,
      tabs: 8,
    });
  }
  const counted = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM order_item_counts c
    WHERE c.item_count <> (SELECT COUNT(*) FROM order_items i WHERE i.seller_id = c.seller_id AND i.status = c.status)`.execute(t.db);
  expect(Number(counted.rows[0].n)).toBe(0);
  const openLines = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM order_items i
    LEFT JOIN order_item_history h ON h.order_item_id = i.id AND h.valid_to IS NULL AND h.status = i.status
    WHERE h.id IS NULL`.execute(t.db);
  expect(Number(openLines.rows[0].n)).toBe(0);
  const stats = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM product_review_stats s
    WHERE s.review_count <> (SELECT COUNT(*) FROM reviews r WHERE r.product_id = s.product_id AND r.deleted_at IS NULL)`.execute(t.db);
  expect(Number(stats.rows[0].n)).toBe(0);
  const reviews = await t.db
    .selectFrom('reviews')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  expect(Number(reviews.n)).toBeGreaterThan(0);
  const addresses = await t.db.selectFrom('addresses').select(['shopper_id']).where('is_default', '=', true).execute();
  expect(addresses).toHaveLength(10);
}
