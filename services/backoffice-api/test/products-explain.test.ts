import { buildDiscountTotalQuery, sql, tokenPairsAcross, type Db } from '@brandi/db';
import { createTestDb, explainPlan, type PlanRow, type TestDb } from '@brandi/db/testing';
import type { ResolvedProductFilters as ProductFilterQuery } from '../src/routes/products/routes/filter-query.js';
import {
  buildDiscountedIdsQuery,
  buildFacetCountQuery,
  buildFacetIdsQuery,
  buildPairCountQuery,
  buildPairIdsQuery,
  buildPairPageQuery,
  buildProductIdsBySellerQuery,
  buildProductIdsInOrderQuery,
} from '../src/routes/products/sql/access-paths.js';
import { buildProductRowsQuery } from '../src/routes/products/sql/products.repository.js';
import { resolveProductRead } from '../src/routes/products/sql/resolved-read.js';
import type { OperationNodeSource } from 'kysely';
import type { Actor } from '../src/types.js';
import { createAdmin, createSeller } from './sellers.fixtures.js';

// EXPLAIN of the list query the route runs, on enough rows (with fresh statistics) that the optimizer plans
// as on a real table: a seller's page and an admin's page read a covering index in registration order, never sort.

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
  for (let i = 0; i < rows.length; i += 1000)
    await db
      .insertInto('products')
      .values(rows.slice(i, i + 1000))
      .execute();
  await sql`ANALYZE TABLE products, sellers, seller_attributes, product_discounts, product_counts, product_token_facets, seller_product_counts`.execute(
    db,
  );
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

const explain = (query: OperationNodeSource) => explainPlan(db, query);
const show = (label: string, plan: PlanRow[]) =>
  JSON.stringify({ label, plan: plan.map(({ table, type, key, rows, Extra }) => ({ table, type, key, rows, Extra })) });
const WINDOWS = [
  { limit: 20, offset: 0 },
  { limit: 100, offset: 9_900 },
];
const LIVE_INDEXES = ['ix_products_live_created', 'ix_products_live_on_sale', 'ix_products_live_displayed'];

// An admin's page ids are read in registration order off one covering index (deferred join): a page 10,000
// rows deep reads index entries only, joins nothing and never sorts.
test.each(['newest', 'oldest'] as const)('admin, sort=%s: page ids in order off a covering live index for every filter', async (sort) => {
  for (const [label, filters] of FILTERS.filter(([, f]) => f.q === undefined)) {
    const plan = await resolveProductRead(db, admin, filters, new Date());
    for (const window of WINDOWS) {
      const rows = await explain(buildProductIdsInOrderQuery(plan, sort, window));
      const shown = show(label, rows);
      expect({ shown, tables: rows.map((r) => r.table) }).toEqual({ shown, tables: ['p'] });
      expect({
        shown,
        live: LIVE_INDEXES.includes(rows[0].key ?? ''),
        covering: /Using index/.test(rows[0].Extra ?? ''),
        sorts: /filesort|temporary/i.test(rows[0].Extra ?? ''),
      }).toEqual({
        shown,
        live: true,
        covering: true,
        sorts: false,
      });
    }
  }
});

// A seller's own list, and a few sellers: each seller's first offset + limit rows off ix_products_seller_live in
// order (index only); only the merged page is sorted.
test.each([
  ['seller', () => seller, {}],
  ['seller + name contains', () => seller, { q: 'product 1' }],
  ['seller + flags + discounted + range', () => seller, { onSale: true, displayed: true, discounted: true, registeredFrom: '2026-01-03' }],
  ['admin, a few sellers named', () => admin, { sellerName: 'x', sellersNamed: [2, 5, 9] }],
] as [string, () => Actor, ProductFilterQuery][])('%s: seller by seller off ix_products_seller_live', async (label, actor, filters) => {
  const plan = await resolveProductRead(db, actor(), filters, new Date());
  for (const window of WINDOWS) {
    const rows = await explain(buildProductIdsBySellerQuery(plan, 'newest', window));
    const shown = show(label, rows);
    const branches = rows.filter((r) => r.table === 'p');
    expect({
      shown,
      ok:
        branches.length > 0 &&
        branches.every((r) => r.key === 'ix_products_seller_live' && /Using index/.test(r.Extra ?? '') && !/filesort/.test(r.Extra ?? '')),
    }).toEqual({ shown, ok: true });
  }
});

// A name search reads product_token_facets: the lead word's token ranges in order (index only), the other words
// by (product_id, token); never products.
test.each([
  ['one word, one token', { q: 'product' }],
  [
    'one word, one token, with flags, range and discount',
    { q: 'product', onSale: true, displayed: false, discounted: true, registeredFrom: '2026-01-03' },
  ],
  ['one word, several tokens', { q: '1234' }],
  ['two words', { q: 'product 12' }],
  ['two words + attributes', { q: 'product 12', sellerAttributeIds: '1,4' }],
] as [string, ProductFilterQuery][])('admin name search, %s: facets by token, never products', async (label, filters) => {
  const plan = await resolveProductRead(db, admin, filters, new Date());
  expect(plan.words?.every((w) => w.tokens.length > 0)).toBe(true);
  const lead = plan.words!.length - 1;
  for (const [kind, query] of [
    ['page', buildFacetIdsQuery(plan, lead, 'newest', { limit: 100, offset: 9_900 })],
    ['total', buildFacetCountQuery(plan, lead)],
  ] as const) {
    const rows = await explain(query);
    const shown = show(`${label} ${kind}`, rows);
    expect({ shown, products: rows.some((r) => r.table === 'p') }).toEqual({ shown, products: false });
    for (const r of rows.filter((row) => row.table === 'f')) {
      expect({ shown, key: r.key, scan: r.type === 'ALL' || r.type === 'index' }).toEqual({ shown, key: 'PRIMARY', scan: false });
    }
    // The other word: probed by (product_id, token), or its postings materialized once by token.
    for (const r of rows.filter((row) => row.table === 'f2'))
      expect({ shown, byIndex: ['ix_product_token_facets_product', 'PRIMARY'].includes(r.key ?? '') && r.type !== 'ALL' }).toEqual({
        shown,
        byIndex: true,
      });
    if (kind === 'page' && plan.words![lead].tokens.length === 1)
      expect({ shown, sorts: /filesort/.test(rows.map((r) => r.Extra ?? '').join(' ')) }).toEqual({ shown, sorts: false });
  }
});

// Two words sharing few names: their pair postings (ranges of product_name_token_pairs' primary key, index
// only) drive, each product is then read by primary key; a deep page costs what the total does.
test.each([
  ['two words', { q: 'product 1234' }],
  [
    'two words + flags + discount + range',
    { q: '1234 product', onSale: true, displayed: true, discounted: false, registeredFrom: '2026-01-03' },
  ],
  ['two words + attributes', { q: 'product 1234', sellerAttributeIds: '1,4' }],
] as [string, ProductFilterQuery][])('admin name search, %s: pair postings, then products by primary key', async (label, filters) => {
  const plan = await resolveProductRead(db, admin, filters, new Date());
  // The route's choice is tested in products-list-words.test.ts; here the access path of its statements.
  const pairs = tokenPairsAcross(plan.words![0].tokens, plan.words![1].tokens);
  expect(pairs.length).toBeGreaterThan(0);
  for (const [kind, query] of [
    ['page', buildPairIdsQuery(plan, pairs!, 'newest', { limit: 100, offset: 9_900 })],
    ['total', buildPairCountQuery(plan, pairs!)],
    ['page and total', buildPairPageQuery(plan, pairs!, 'newest', { limit: 100, offset: 9_900 })],
  ] as const) {
    const rows = await explain(query);
    const shown = show(`${label} ${kind}`, rows);
    const t = rows.filter((r) => r.table === 't');
    const p = rows.filter((r) => r.table === 'p');
    expect({ shown, t: t.map((r) => [r.type, r.key, /Using index/.test(r.Extra ?? '')]), p: p.map((r) => [r.type, r.key]) }).toEqual({
      shown,
      t: [['range', 'PRIMARY', true]],
      p: [['eq_ref', 'PRIMARY']],
    });
    // The pair postings come first: products is never scanned nor read in an index's order.
    expect({ shown, first: rows[0].table.startsWith('<derived') }).toEqual({ shown, first: true });
  }
});

test("a page's rows are read by primary key, then their seller and attribute", async () => {
  const rows = await explain(buildProductRowsQuery(db, [1, 2, 3], 'newest'));
  const shown = show('rows', rows);
  expect({ shown, plan: rows.map((r) => [r.table, r.type, r.key]) }).toEqual({
    shown,
    plan: [
      ['p', 'range', 'PRIMARY'],
      ['s', 'eq_ref', 'PRIMARY'],
      ['a', 'eq_ref', 'PRIMARY'],
    ],
  });
});

// product_counts is a summary (a row per day × attribute × flags); reading it whole is the point of it.
test.each([
  ['discounted alone', { discounted: true }],
  ['discounted + day range + flag', { discounted: false, registeredFrom: '2026-01-03', registeredTo: '2026-01-05', onSale: true }],
] as [string, ProductFilterQuery][])('an admin total with %s reads product_discounts by index, never products', async (label, filters) => {
  const plan = await explain(buildDiscountTotalQuery(db, filters, new Date('2026-01-10T00:00:00Z')));
  const shown = JSON.stringify({ label, plan: plan.map(({ table, type, key, rows }) => ({ table, type, key, rows })) });
  const tables = [...new Set(plan.flatMap((row) => (row.table ? [row.table] : [])))].sort();
  expect({ shown, tables }).toEqual({ shown, tables: ['d', 'product_counts', 's'] });
  for (const row of plan.filter((r) => r.table === 'd' || r.table === 's')) {
    expect({ shown, table: row.table, byIndex: row.type !== 'ALL' && row.key !== null }).toEqual({
      shown,
      table: row.table,
      byIndex: true,
    });
  }
});

// Discounted now for a minority of sellers: pages come from product_discounts (by seller), in the same order and
// with the same rows as reading products in registration order.
test.each([
  { limit: 20, offset: 0 },
  { limit: 100, offset: 300 },
])('discounted for attribute 2 pages from product_discounts (%o)', async (window) => {
  const plan = await resolveProductRead(db, admin, { sellerAttributeIds: '2', discounted: true, onSale: true }, new Date());
  for (const sort of ['newest', 'oldest'] as const) {
    const fromDiscounts = (await buildDiscountedIdsQuery(plan, sort, window).execute(db)).rows.map((r) => r.id);
    const inOrder = (await buildProductIdsInOrderQuery(plan, sort, window).execute(db)).rows.map((r) => r.id);
    expect(fromDiscounts.length).toBeGreaterThan(0);
    expect(fromDiscounts).toEqual(inOrder);
  }
  const rows = await explain(buildDiscountedIdsQuery(plan, 'newest', window));
  const shown = show('discounted ids', rows);
  expect({ shown, byIndex: rows.filter((r) => r.table === 'd').every((r) => r.type !== 'ALL' && r.key !== null) }).toEqual({
    shown,
    byIndex: true,
  });
});
