import { sql, type Db } from '@brandi/db';
import { createTestDb, type TestDb } from '@brandi/db/testing';
import type { ResolvedProductFilters as ProductFilterQuery } from '../src/routes/products/filters.js';
import { buildDiscountTotalQuery, buildNameTokenTotalQuery, buildProductIdsQuery, buildProductPageQuery } from '../src/routes/products/products.repository.js';
import type { Actor } from '../src/types.js';
import { createAdmin, createSeller } from './sellers.fixtures.js';

// EXPLAIN of the list query the route runs, on enough rows (with fresh statistics) that the optimizer plans
// as on a real table: a seller's page and an admin's page read a covering index in registration order, never sort.

interface PlanRow {
  table: string;
  type: string;
  key: string | null;
  rows: number;
  Extra: string | null;
}

let testDb: TestDb;
let db: Db;
let seller: Actor;
let admin: Actor;
const PRODUCT_ROWS = 20_000;

beforeAll(async () => {
  testDb = await createTestDb();
  db = testDb.db;
  const sellers: number[] = [];
  for (let i = 0; i < 20; i++) sellers.push(await createSeller(db, { attributeId: (i % 7) + 1 }));
  seller = { id: sellers[3], role: 'seller', status: 'active', attributeId: 4, nameKo: 'x' };
  admin = { id: await createAdmin(db), role: 'admin', status: 'active', attributeId: null, nameKo: 'admin' };
  const base = Date.UTC(2026, 0, 1);
  const rows = Array.from({ length: PRODUCT_ROWS }, (_, i) => {
    const created = new Date(base + i * 60_000);
    return {
      seller_id: sellers[i % sellers.length],
      code: `EXPLAIN${String(i).padStart(6, '0')}`,
      name: `product ${i}`,
      main_category_id: 4,
      first_category_id: 1,
      second_category_id: 1,
      detail_html: '',
      price: 1000,
      discount_rate: i % 4 === 0 ? 10 : 0,
      effective_price: 1000,
      effective_discount_rate: 0,
      min_order_qty: 1,
      max_order_qty: 5,
      is_on_sale: i % 3 !== 0,
      is_displayed: i % 10 !== 0,
      main_image_key: null,
      ranking_score: 0,
      created_at: created,
      updated_at: created,
      deleted_at: i % 25 === 0 ? created : null,
    };
  });
  for (let i = 0; i < rows.length; i += 1000) await db.insertInto('products').values(rows.slice(i, i + 1000)).execute();
  await sql`ANALYZE TABLE products, sellers, seller_attributes, product_discounts, product_counts`.execute(db);
});
afterAll(() => testDb.destroy());

const FILTERS: [string, ProductFilterQuery][] = [
  ['no filter', {}],
  ['onSale + displayed', { onSale: true, displayed: true }],
  ['discounted', { discounted: true }],
  ['name contains', { q: 'product' }],
  ['name contains two words', { q: 'product 1' }],
  ['registration range', { registeredFrom: '2026-01-03', registeredTo: '2026-01-05' }],
  ['many sellers named', { sellerName: 'x', sellersNamed: [1, 2, 3, 4, 5, 6, 7, 8] }],
  ['attribute + discounted + onSale', { sellerAttributeIds: '1,4', discounted: true, onSale: true }],
];

// The ids of a page are read in order off one covering index (deferred join): a page 10,000 rows deep reads
// index entries only, never sorts, and joins just the page's ids to their rows.
describe.each([
  ['seller', () => seller, 'ix_products_seller_live'],
  ['admin', () => admin, 'ix_products_live_created'],
] as const)('GET /products as %s', (_who, actor, index) => {
  test.each(['newest', 'oldest'] as const)(`sort=%s reads the page's ids off ${index} in order for every filter`, async (sort) => {
    for (const [label, filters] of FILTERS) {
      const query = buildProductIdsQuery(db, actor(), filters, sort, { limit: 100, offset: 9_900 }, new Date(), 'products');
      const plan = (await query.explain()) as unknown as PlanRow[];
      const shown = JSON.stringify({ label, plan: plan.map(({ table, type, key, rows, Extra }) => ({ table, type, key, rows, Extra })) });
      const p = plan.find((row) => row.table === 'p');
      expect({ shown, key: p?.key, covering: /Using index/.test(p?.Extra ?? '') }).toEqual({ shown, key: index, covering: true });
      expect({ shown, sorts: /filesort|temporary/i.test(plan.map((row) => row.Extra ?? '').join(' ')) }).toEqual({ shown, sorts: false });
      for (const joined of plan.filter((row) => row.table !== 'p')) expect({ shown, lookup: ['eq_ref', 'const'].includes(joined.type) }).toEqual({ shown, lookup: true });
    }
  });
});

test('a page joins only its ids to the rows (by primary key)', async () => {
  const plan = (await buildProductPageQuery(db, admin, {}, 'newest', { limit: 20, offset: 9_980 }, new Date()).explain()) as unknown as PlanRow[];
  const shown = JSON.stringify(plan.map(({ table, type, key, rows }) => ({ table, type, key, rows })));
  const outer = plan.slice(0, plan.findIndex((row) => row.table === 'a') + 1);
  expect({ shown, outer: outer.map((row) => [row.table, row.type, row.key]) }).toEqual({
    shown,
    outer: [['<derived2>', 'ALL', null], ['p', 'eq_ref', 'PRIMARY'], ['s', 'eq_ref', 'PRIMARY'], ['a', 'eq_ref', 'PRIMARY']],
  });
});

// Few sellers (a rare seller name, or attributes that few products have): their products through
// ix_products_seller_live, index only, and only those sorted.
test.each([
  ['seller attributes', { sellerAttributeIds: '1,4' }],
  ['a few sellers named', { sellerName: 'x', sellersNamed: [2, 5] }],
] as [string, ProductFilterQuery][])('GET /products as admin with %s, narrowest side: no full scan of products', async (label, filters) => {
  const plan = (await buildProductIdsQuery(db, admin, filters, 'newest', { limit: 20, offset: 0 }, new Date(), 'narrowest').explain()) as unknown as PlanRow[];
  const shown = JSON.stringify({ label, plan });
  const p = plan.find((row) => row.table === 'p');
  expect({ shown, type: ['ref', 'range'].includes(p?.type ?? ''), key: p?.key }).toEqual({ shown, type: true, key: 'ix_products_seller_live' });
});

// product_counts is a summary (a row per day × attribute × flags); reading it whole is the point of it.
test.each([
  ['discounted alone', { discounted: true }],
  ['discounted + day range + flag', { discounted: false, registeredFrom: '2026-01-03', registeredTo: '2026-01-05', onSale: true }],
] as [string, ProductFilterQuery][])('an admin total with %s reads product_discounts by index, never products', async (label, filters) => {
  const plan = (await buildDiscountTotalQuery(db, filters, new Date('2026-01-10T00:00:00Z')).explain()) as unknown as PlanRow[];
  const shown = JSON.stringify({ label, plan: plan.map(({ table, type, key, rows }) => ({ table, type, key, rows })) });
  const tables = [...new Set(plan.flatMap((row) => (row.table ? [row.table] : [])))].sort();
  expect({ shown, tables }).toEqual({ shown, tables: ['d', 'product_counts', 's'] });
  for (const row of plan.filter((r) => r.table === 'd' || r.table === 's')) {
    expect({ shown, table: row.table, byIndex: row.type !== 'ALL' && row.key !== null }).toEqual({ shown, table: row.table, byIndex: true });
  }
});

// The vocabulary (distinct tokens) is read whole; postings by their token, products only for sellers without an
// attribute (through the seller).
test('an admin name-contains total reads postings by token, never scans products or postings', async () => {
  const plan = (await buildNameTokenTotalQuery(db, ['product']).explain()) as unknown as PlanRow[];
  const shown = JSON.stringify(plan.map(({ table, type, key, rows }) => ({ table, type, key, rows })));
  const byTable = (name: string) => plan.filter((row) => row.table === name);
  expect({ shown, postings: byTable('t').map((row) => ['ref', 'eq_ref', 'range'].includes(row.type) && row.key === 'PRIMARY') }).toEqual({ shown, postings: [true] });
  expect({ shown, products: byTable('p').map((row) => row.type === 'ref') }).toEqual({ shown, products: [true] });
});

test('several words: the total intersects their postings by token and product, never scans products', async () => {
  const plan = (await buildNameTokenTotalQuery(db, ['product', '12']).explain()) as unknown as PlanRow[];
  const shown = JSON.stringify(plan.map(({ table, type, key, rows }) => ({ table, type, key, rows })));
  const postings = plan.filter((row) => row.table === 't' || row.table === 'tw');
  expect({ shown, postings: postings.length >= 2 && postings.every((row) => row.type !== 'ALL' && row.key === 'PRIMARY') }).toEqual({ shown, postings: true });
  expect({ shown, products: plan.filter((row) => row.table === 'p').map((row) => row.type === 'ref') }).toEqual({ shown, products: [true] });
});

test('a rare word resolved to its few product ids pages by primary key, never scanning products', async () => {
  const filters = { q: '12345', namedProductIds: [12345, 12346, 19999] };
  const plan = (await buildProductIdsQuery(db, admin, filters, 'newest', { limit: 20, offset: 0 }, new Date(), 'narrowest').explain()) as unknown as PlanRow[];
  const shown = JSON.stringify(plan.map(({ table, type, key, rows }) => ({ table, type, key, rows })));
  expect({ shown, products: plan.filter((row) => row.table === 'p').map((row) => [row.type, row.key]) }).toEqual({ shown, products: [['range', 'PRIMARY']] });
});
