import { countDiscountedOf, sql } from '@brandi/db';
import { startTestApp, type TestContext } from './harness.js';
import { createProduct, createSeller } from './sellers.fixtures.js';

// A discounted count over more than 1,000 sellers runs as two statements at once; the halves must add up to
// exactly what the products say, whichever half a seller falls in.

const NOW = new Date('2026-11-26T00:00:00.000Z');
let ctx: TestContext;
const sellerIds: number[] = [];

beforeAll(async () => {
  ctx = await startTestApp({ now: () => NOW });
  for (let i = 0; i < 1_003; i++) sellerIds.push(await createSeller(ctx.db, { attributeId: (i % 7) + 1 }));
  const active = { discountRate: 20, discountStartsAt: new Date('2026-11-01T00:00:00Z'), discountEndsAt: null };
  const over = { discountRate: 20, discountStartsAt: new Date('2026-10-01T00:00:00Z'), discountEndsAt: new Date('2026-10-31T00:00:00Z') };
  for (const index of [0, 1, 500, 501, 502, 1_001, 1_002]) {
    await createProduct(ctx.db, sellerIds[index]!, active);
    await createProduct(ctx.db, sellerIds[index]!, { ...active, isOnSale: index % 2 === 0 });
    await createProduct(ctx.db, sellerIds[index]!, over);
    await createProduct(ctx.db, sellerIds[index]!, { ...active, deleted: true });
  }
});
afterAll(() => ctx.close());

async function discountedFromProducts(ids: number[], onSale?: boolean): Promise<number> {
  const result = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM products p
    WHERE p.seller_id IN (${sql.join(ids)}) AND p.deleted_at IS NULL AND p.discount_rate > 0
      AND (p.discount_starts_at IS NULL OR p.discount_starts_at <= ${NOW})
      AND (p.discount_ends_at IS NULL OR p.discount_ends_at >= ${NOW})
      ${onSale === undefined ? sql`` : sql`AND p.is_on_sale = ${onSale}`}`.execute(ctx.db);
  return Number(result.rows[0]!.n);
}

test.each([
  ['all 1,003 sellers (two halves)', () => sellerIds],
  ['the first 1,000 (one statement)', () => sellerIds.slice(0, 1_000)],
  ['every other seller', () => sellerIds.filter((_, i) => i % 2 === 0)],
])('discounted now, %s, equals the products', async (_name, pick) => {
  const ids = pick();
  expect(await countDiscountedOf(ctx.db, ids, {}, NOW)).toBe(await discountedFromProducts(ids));
  expect(await countDiscountedOf(ctx.db, ids, { onSale: false }, NOW)).toBe(await discountedFromProducts(ids, false));
});

test('the split counts sellers in both halves', async () => {
  expect(await discountedFromProducts(sellerIds)).toBe(14);
  expect(await countDiscountedOf(ctx.db, sellerIds, {}, NOW)).toBe(14);
});
