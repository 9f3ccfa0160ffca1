import { sql, type Db } from '@brandi/db';
import { createTestDb, type TestDb } from '@brandi/db/testing';
import type { ProductFilterQuery } from '../src/routes/products/filters.js';
import { buildDiscountTotalQuery, buildNameTokenTotalQuery, buildProductPageQuery } from '../src/routes/products/products.repository.js';
import type { Actor } from '../src/types.js';
import { createAdmin, createSeller } from './sellers.fixtures.js';

// EXPLAIN of the list query the route runs, on enough rows (with fresh statistics) that the optimizer plans
// as on a real table: a seller's page and an admin's page read an index in registration order, never sort.

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
  ['name contains', { q: 'product 1' }],
  ['registration range', { registeredFrom: '2026-01-03', registeredTo: '2026-01-05' }],
];

// Seller-side filters narrow the sellers first; the admin's plan then reads those sellers' products by index
// and sorts only them, which beats walking every product in date order when few sellers match.
const SELLER_FILTERS: [string, ProductFilterQuery][] = [
  ['seller attributes', { sellerAttributeIds: '1,4' }],
  ['seller name', { sellerName: 'Seller' }],
];

describe.each([
  ['seller', () => seller, 'ix_products_seller_created'],
  ['admin', () => admin, 'ix_products_created'],
] as const)('GET /products as %s', (_who, actor, index) => {
  test.each(['newest', 'oldest'] as const)(`sort=%s reads ${index} in order for every filter`, async (sort) => {
    for (const [label, filters] of FILTERS) {
      const plan = (await buildProductPageQuery(db, actor(), filters, sort, { limit: 20, offset: 40 }, new Date()).explain()) as unknown as PlanRow[];
      const shown = JSON.stringify({ label, plan: plan.map(({ table, type, key, rows, Extra }) => ({ table, type, key, rows, Extra })) });
      const p = plan.find((row) => row.table === 'p');
      expect({ shown, type: p?.type === 'ALL' ? 'full scan' : 'index' }).toEqual({ shown, type: 'index' });
      expect({ shown, key: p?.key }).toEqual({ shown, key: label === 'registration range' && actor().role === 'admin' ? 'ix_products_created' : index });
      expect({ shown, sorts: /filesort|temporary/i.test(plan.map((row) => row.Extra ?? '').join(' ')) }).toEqual({ shown, sorts: false });
      for (const joined of plan.filter((row) => row.table !== 'p')) expect({ shown, lookup: ['eq_ref', 'const'].includes(joined.type) }).toEqual({ shown, lookup: true });
    }
  });
});

test.each(SELLER_FILTERS)('GET /products as admin with %s: no full scan of products', async (label, filters) => {
  const plan = (await buildProductPageQuery(db, admin, filters, 'newest', { limit: 20, offset: 0 }, new Date()).explain()) as unknown as PlanRow[];
  const shown = JSON.stringify({ label, plan });
  expect({ shown, type: plan.find((row) => row.table === 'p')?.type }).toEqual({ shown, type: 'ref' });
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
  const plan = (await buildNameTokenTotalQuery(db, 'product').explain()) as unknown as PlanRow[];
  const shown = JSON.stringify(plan.map(({ table, type, key, rows }) => ({ table, type, key, rows })));
  const byTable = (name: string) => plan.filter((row) => row.table === name);
  expect({ shown, postings: byTable('t').map((row) => ['ref', 'eq_ref', 'range'].includes(row.type) && row.key === 'PRIMARY') }).toEqual({ shown, postings: [true] });
  expect({ shown, products: byTable('p').map((row) => row.type === 'ref') }).toEqual({ shown, products: [true] });
});

test('a rare word resolved to its few product ids pages by primary key, never scanning products', async () => {
  const filters = { q: '12345', namedProductIds: [12345, 12346, 19999] };
  const plan = (await buildProductPageQuery(db, admin, filters, 'newest', { limit: 20, offset: 0 }, new Date()).explain()) as unknown as PlanRow[];
  const shown = JSON.stringify(plan.map(({ table, type, key, rows }) => ({ table, type, key, rows })));
  expect({ shown, products: plan.filter((row) => row.table === 'p').map((row) => [row.type, row.key]) }).toEqual({ shown, products: [['range', 'PRIMARY']] });
});
