import { sql } from 'kysely';
import { createProduct, createSeller, createTestDb, type TestDb } from '../testing/index.js';
import { rebuildProductIndexes } from './rebuild.js';
import { PRODUCT_INDEX_SWITCHES, type ProductIndexFamily } from './switches.js';

// Each trigger family has its own switch: a session that sets one skips that family's upkeep only, and
// rebuildProductIndexes brings every derived table back to what the triggers would have written.

let t: TestDb;
let seller: number;
beforeAll(async () => {
  t = await createTestDb();
  seller = await createSeller(t.db, { attributeId: 1 });
});
afterAll(() => t.destroy());

async function derived(productId: number) {
  const one = async (query: string) => Number((await sql.raw<{ n: number }>(query).execute(t.db)).rows[0]?.n ?? 0);
  return {
    counts: await one(`SELECT COALESCE(SUM(product_count), 0) AS n FROM seller_product_counts WHERE seller_id = ${seller}`),
    discounts: await one(`SELECT COUNT(*) AS n FROM product_discounts WHERE product_id = ${productId}`),
    nameIndex: await one(`SELECT COUNT(*) AS n FROM product_token_facets WHERE product_id = ${productId}`),
  };
}

test.each(Object.keys(PRODUCT_INDEX_SWITCHES) as ProductIndexFamily[])('the %s switch skips that family only', async (family) => {
  const before = await derived(0);
  const id = await t.db.connection().execute(async (conn) => {
    await sql.raw(`SET ${PRODUCT_INDEX_SWITCHES[family]} = 1`).execute(conn);
    try {
      return await createProduct(conn, seller, { name: `스위치 ${family}`, discountRate: 10 });
    } finally {
      await sql.raw(`SET ${PRODUCT_INDEX_SWITCHES[family]} = NULL`).execute(conn);
    }
  });
  const after = await derived(id);
  const expected = { counts: before.counts + 1, discounts: 1, nameIndex: 2 };
  expect(after).toEqual({ ...expected, [family]: family === 'counts' ? before.counts : 0 });
  await rebuildProductIndexes(t.db);
  expect(await derived(id)).toEqual(expected);
});
