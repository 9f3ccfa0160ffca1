import { createAdmin, createProduct, createSeller, createTestDb, type TestDb } from '@brandi/db/testing';
import type { ProductFilterQuery } from '../src/routes/products/routes/filter-query.js';
import { planProductRead, type ReadPurpose } from '../src/routes/products/sql/read-plan.js';
import type { Actor } from '../src/types.js';

// The one planner of the back-office list and export: user filters and scope in, access path and count
// strategy out. Its decisions, on a small catalogue: the statements each decision runs are covered by
// products-explain (plans) and products-list / export (results).

const NOW = new Date('2026-11-26T00:00:00.000Z');
const LIST: ReadPurpose = { purpose: 'list', rows: 20 };
const EXPORT: ReadPurpose = { purpose: 'export', rows: 500 };
let t: TestDb;
let admin: Actor;
let seller: Actor;

beforeAll(async () => {
  t = await createTestDb();
  admin = { id: await createAdmin(t.db), role: 'admin', status: 'active', attributeId: null, nameKo: 'admin' };
  const sellerId = await createSeller(t.db, { attributeId: 2, nameKo: '플랜셀러' });
  seller = { id: sellerId, role: 'seller', status: 'active', attributeId: 2, nameKo: '플랜셀러' };
  const others = [await createSeller(t.db, { attributeId: 1 }), await createSeller(t.db, { attributeId: 1 })];
  for (let i = 0; i < 30; i++) {
    await createProduct(t.db, others[i % 2]!, {
      name: i % 2 === 0 ? `루즈핏 셔츠 ${i}` : `청바지 코튼 ${i}`,
      discountRate: i % 4 === 0 ? 10 : 0,
    });
  }
  await createProduct(t.db, sellerId, { name: '루즈핏 청바지', discountRate: 20 });
  await createProduct(t.db, sellerId, { name: '데님 바지' });
});
afterAll(() => t.destroy());

const plan = (filters: ProductFilterQuery, actor: Actor, purpose = LIST) => planProductRead(t.db, filters, { actor, now: NOW }, purpose);

test.each<[string, string, string, () => Actor, ProductFilterQuery]>([
  ['an admin, no filter', 'in-order', 'product-counts', () => admin, {}],
  ['an admin, days and flags', 'in-order', 'product-counts', () => admin, { registeredFrom: '2026-01-01', onSale: true }],
  ['an admin, discounted', 'in-order', 'discount-total', () => admin, { discounted: true }],
  ['a seller, its own products', 'by-seller', 'seller-counts', () => seller, { displayed: true }],
  ['a seller, discounted', 'by-seller', 'seller-discounts', () => seller, { discounted: false }],
  ['an admin, a seller by name', 'by-seller', 'seller-counts', () => admin, { sellerName: '플랜셀러' }],
  ['an admin, a word no name holds', 'nothing', 'none', () => admin, { q: '없는단어' }],
  ['an admin, a seller name nobody has', 'nothing', 'none', () => admin, { sellerName: '아무도없음' }],
  ['an admin, one word', 'facets', 'facets', () => admin, { q: '루즈핏' }],
  ['an admin, a code', 'in-order', 'rows', () => admin, { searchField: 'code', q: 'X-1' }],
])('%s: reads %s, counts by %s', async (_name, path, count, actor, filters) => {
  const { accessPath, countStrategy } = await plan(filters, actor());
  expect([accessPath.kind, countStrategy.kind]).toEqual([path, count]);
});

test('two words sharing few names take the pair route, whose page carries the total', async () => {
  const { accessPath, countStrategy } = await plan({ q: '루즈핏 청바지' }, admin);
  expect(accessPath.kind).toBe('pairs');
  expect(countStrategy.kind).toBe('none');
});

test("the export reads a rare word's products by id, and everything else in order, never counting", async () => {
  const rare = await plan({ q: '데님' }, admin, EXPORT);
  expect(rare.accessPath).toEqual({ kind: 'named-ids', ids: [expect.any(Number)] });
  expect(rare.countStrategy.kind).toBe('none');
  expect((await plan({ q: '데님' }, seller, EXPORT)).accessPath.kind).toBe('in-order');
  expect((await plan({ onSale: true }, admin, EXPORT)).accessPath.kind).toBe('in-order');
});

test('hints are output: the filters come back as given (seller name resolved), with nothing added', async () => {
  const given: ProductFilterQuery = { q: '데님', sellerName: '플랜셀러' };
  const { read } = await plan(given, admin, EXPORT);
  expect(read.filters).toEqual({ ...given, sellersNamed: [seller.id] });
  expect(given).toEqual({ q: '데님', sellerName: '플랜셀러' });
});
