import { sql, type Db } from '@brandi/db';
import { createProduct, createSeller, createShopper, createTestDb, explainPlan, type TestDb } from '@brandi/db/testing';
import type { OperationNodeSource } from 'kysely';
import { buildMyReviewPageQuery, buildProductReviewPageQuery } from '../src/routes/reviews/reviews.repository.js';
import { REVIEW_SORTS } from '../src/routes/reviews/schemas.js';

// EXPLAIN of the review lists the routes run, on 20k reviews with fresh statistics: each reads one index in
// its order (no filesort, no full scan); the totals come from product_review_stats, never from counting.

let t: TestDb;
let db: Db;
let productId: number;
let shopperId: number;
const REVIEWS = 20_000;

beforeAll(async () => {
  t = await createTestDb();
  db = t.db;
  const sellerId = await createSeller(db);
  const products: number[] = [];
  for (let i = 0; i < 20; i++) products.push(await createProduct(db, sellerId));
  const shoppers: number[] = [];
  for (let i = 0; i < 20; i++) shoppers.push(await createShopper(db));
  [productId] = products;
  [shopperId] = shoppers;
  const base = Date.UTC(2026, 0, 1);
  const rows = Array.from({ length: REVIEWS }, (_, i) => ({
    // The reviewed items are not the point here: their ids need no rows with foreign keys off.
    order_item_id: i + 1,
    product_id: i % 3 === 0 ? productId : products[i % products.length],
    shopper_id: shoppers[i % shoppers.length],
    option_color: 'black',
    option_size: 'M',
    rating: (i % 5) + 1,
    fit: (['fits', 'small', 'large'] as const)[i % 3],
    content: `review number ${i}`,
    created_at: new Date(base + i * 60_000),
    updated_at: new Date(base + i * 60_000),
    deleted_at: i % 20 === 0 ? new Date(base) : null,
  }));
  await db.connection().execute(async (conn) => {
    await sql`SET FOREIGN_KEY_CHECKS = 0`.execute(conn);
    try {
      for (let i = 0; i < rows.length; i += 2000)
        await conn
          .insertInto('reviews')
          .values(rows.slice(i, i + 2000))
          .execute();
    } finally {
      await sql`SET FOREIGN_KEY_CHECKS = 1`.execute(conn);
    }
  });
  await sql`ANALYZE TABLE reviews, shoppers, products`.execute(db);
});
afterAll(() => t.destroy());

async function expectIndexedInOrder(query: OperationNodeSource, table: string) {
  const plan = await explainPlan(db, query);
  const shown = JSON.stringify(plan.map(({ table: tb, type, key, Extra }) => ({ tb, type, key, Extra })));
  const row = plan.find((r) => r.table === table);
  expect({ shown, fullScan: row?.type === 'ALL', key: row?.key ?? null }).toEqual({ shown, fullScan: false, key: expect.any(String) });
  expect({ shown, sorts: /filesort|temporary/i.test(plan.map((r) => r.Extra ?? '').join(' ')) }).toEqual({ shown, sorts: false });
  for (const other of plan.filter((r) => r.table !== table))
    expect({ shown, lookup: ['eq_ref', 'const'].includes(other.type) }).toEqual({ shown, lookup: true });
}

describe('GET /products/:id/reviews', () => {
  const cases = REVIEW_SORTS.flatMap((sort) => [undefined, 4].map((rating) => [sort, rating] as const));
  test.each(cases)('sort=%s rating=%s: one index in order, first page and deep', async (sort, rating) => {
    for (const offset of [0, 4000]) {
      await expectIndexedInOrder(buildProductReviewPageQuery(db, { productId, rating }, sort, { limit: 20, offset }), 'r');
    }
  });
});

test('GET /me/reviews: the shopper index in order', async () => {
  await expectIndexedInOrder(buildMyReviewPageQuery(db, shopperId, { limit: 20, offset: 0 }), 'r');
});
