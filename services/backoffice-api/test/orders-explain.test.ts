import { sql, type Db } from '@brandi/db';
import { createTestDb, explainPlan, type PlanRow, type TestDb } from '@brandi/db/testing';
import { ORDER_ITEM_STATUSES } from '@brandi/orders';
import type { OperationNodeSource } from 'kysely';
import type { ResolvedOrderFilters } from '../src/routes/orders/filters.js';
import { buildCountQuery, buildCounterTotalQuery, buildPageIdsQuery } from '../src/routes/orders/list.repository.js';
import { createProduct, createSeller, createShopper } from './sellers.fixtures.js';

// EXPLAIN of the desk's list queries on enough rows (fresh statistics) that the optimizer plans as on a big
// table: pages read an item index in date order (no filesort, no table scan), totals read an index or the counters.

let t: TestDb;
let db: Db;
let sellers: number[];
const ITEMS = 24_000;

beforeAll(async () => {
  t = await createTestDb();
  db = t.db;
  sellers = [];
  for (let i = 0; i < 24; i++) sellers.push(await createSeller(db));
  const products = await Promise.all(sellers.map((s) => createProduct(db, s)));
  const shopper = await createShopper(db);
  const base = Date.UTC(2026, 0, 1);
  for (let start = 0; start < ITEMS; start += 2000) {
    const orders = [];
    const items = [];
    for (let i = start; i < start + 2000; i++) {
      const placed = new Date(base + i * 600_000);
      const k = i % sellers.length;
      orders.push({
        id: i + 1,
        order_no: `20260101${String(i + 1).padStart(6, '0')}`,
        shopper_id: shopper,
        orderer_name: `주문자${i % 500}`,
        orderer_phone: `010-${String(i % 9000).padStart(4, '0')}-0000`,
        orderer_phone_digits: `010${String(i % 9000).padStart(4, '0')}0000`,
        orderer_email: 'o@example.com',
        recipient: 'r',
        recipient_phone: '010',
        zip_code: '00000',
        address1: 'a',
        address2: 'b',
        items_total: 1000,
        shipping_total: 0,
        total: 1000,
        placed_at: placed,
      });
      items.push({
        id: i + 1,
        order_id: i + 1,
        item_no: `20260101${String(i + 1).padStart(6, '0')}-1`,
        seller_id: sellers[k],
        shopper_id: shopper,
        placed_at: placed,
        product_id: products[k],
        option_id: 1,
        product_name: `상품 ${i % 300}`,
        product_code: 'C',
        option_color: 'c',
        option_size: 's',
        quantity: 1,
        unit_price: 1000,
        line_total: 1000,
        status: ORDER_ITEM_STATUSES[(i * 7) % 8],
        status_changed_at: new Date(placed.getTime() + 60_000),
      });
    }
    await db.insertInto('orders').values(orders).execute();
    await db.insertInto('order_items').values(items).execute();
  }
  await sql`ANALYZE TABLE orders, order_items, order_item_counts, order_item_name_tokens`.execute(db);
}, 180_000);
afterAll(() => t.destroy());

const explain = (query: OperationNodeSource) => explainPlan(db, query);

const filters = (f: Partial<ResolvedOrderFilters> = {}): ResolvedOrderFilters => ({ dateColumn: 'placed_at', ...f });
const window = { limit: 20, offset: 0 };

function expectIndexedInOrder(plan: PlanRow[]) {
  const items = plan.filter((r) => r.table === 'i' || r.table?.startsWith('<derived'));
  expect(plan.every((r) => r.type !== 'ALL' || r.table?.startsWith('<'))).toBe(true);
  expect(items.length).toBeGreaterThan(0);
  for (const row of plan.filter((r) => r.table === 'i')) {
    expect([row.key, row.Extra ?? '']).toEqual([
      expect.stringMatching(/^ix_order_items_|^PRIMARY$/),
      expect.not.stringContaining('filesort'),
    ]);
  }
}

test.each([
  ['a seller, no filter', () => filters({ sellerIds: [sellers[3]] })],
  ['the admin, no filter', () => filters()],
  ['a seller, one status', () => filters({ sellerIds: [sellers[3]], statuses: ['paid'] })],
  ['the admin, one status', () => filters({ statuses: ['delivered'] })],
  ['the admin, three statuses (merged runs)', () => filters({ statuses: ['paid', 'preparing', 'shipping'] })],
  ['a seller, three statuses (merged runs)', () => filters({ sellerIds: [sellers[3]], statuses: ['paid', 'preparing', 'shipping'] })],
  ['the admin, a month', () => filters({ fromAt: new Date('2026-02-01'), toAt: new Date('2026-03-01') })],
  ['a seller, status date', () => filters({ sellerIds: [sellers[3]], dateColumn: 'status_changed_at', fromAt: new Date('2026-02-01') })],
])('page ids: %s read an item index in order', async (_name, make) => {
  expectIndexedInOrder(await explain(buildPageIdsQuery(db, make(), 'newest', window)));
});

test('an order search: matched order ids read items by order; too many matches read items in date order, orders by key', async () => {
  // More than MAX_ORDER_IDS orders matched: a dense match, so the page is found early in date order.
  const plan = await explain(
    buildPageIdsQuery(db, filters({ search: { kind: 'orders', field: 'ordererPhone', pattern: '010%' } }), 'newest', window),
  );
  expect(plan.find((r) => r.table === 'i')).toEqual(
    expect.objectContaining({ key: 'ix_order_items_placed', Extra: expect.not.stringContaining('filesort') }),
  );
  expect(plan.find((r) => r.table === 'o')).toEqual(expect.objectContaining({ type: 'eq_ref', key: 'PRIMARY' }));
  const byIds = await explain(
    buildPageIdsQuery(db, filters({ search: { kind: 'orders', field: 'orderNo', pattern: 'x', orderIds: [5, 6, 7] } }), 'newest', window),
  );
  expect(byIds.find((r) => r.table === 'i')?.key).toBe('ix_order_items_order');
  const itemNo = await explain(buildCountQuery(db, filters({ search: { kind: 'itemNo', prefix: '20260101000012%' } })));
  expect(itemNo.find((r) => r.table === 'i')?.key).toBe('uq_order_items_item_no');
});

test('totals: date ranges count an index range; status and seller totals read the counters only', async () => {
  const month = await explain(
    buildCountQuery(db, filters({ statuses: ['paid'], fromAt: new Date('2026-02-01'), toAt: new Date('2026-03-01') })),
  );
  expect(month[0]).toEqual(expect.objectContaining({ table: 'i', type: 'range', key: 'ix_order_items_status_placed' }));
  expect(month[0].Extra).toContain('Using index');
  const sellerMonth = await explain(buildCountQuery(db, filters({ sellerIds: [sellers[2]], fromAt: new Date('2026-02-01') })));
  expect(sellerMonth[0].key).toMatch(/^ix_order_items_seller_/);
  const counters = await explain(buildCounterTotalQuery(db, filters({ statuses: ['paid', 'shipping'] })));
  expect(counters.map((r) => r.table)).toEqual(['c']);
  expect(counters[0].type).not.toBe('ALL');
});

// The name postings: a token's items are read in date order off the key that fits the scope, counted index only.
const named = (tokens: string[], field: 'product' | 'orderer' = 'product'): ResolvedOrderFilters['search'] => ({
  kind: 'name',
  field,
  tokens,
});

test.each([
  ['the admin', () => filters({ search: named(['상품']) }), 'PRIMARY'],
  ['a seller', () => filters({ sellerIds: [sellers[3]], search: named(['상품']) }), 'ix_order_item_name_tokens_seller'],
  ['the admin, one status', () => filters({ statuses: ['paid'], search: named(['상품']) }), 'ix_order_item_name_tokens_status'],
])('a name search, %s: the postings of one token in date order, the total index only', async (_name, make, key) => {
  const page = await explain(buildPageIdsQuery(db, make(), 'newest', window));
  expect(page).toEqual([
    expect.objectContaining({
      table: 't',
      type: expect.stringMatching(/^(ref|range)$/),
      key,
      Extra: expect.not.stringContaining('filesort'),
    }),
  ]);
  const count = await explain(buildCountQuery(db, make()));
  expect(count).toEqual([
    expect.objectContaining({ table: 't', type: expect.stringMatching(/^(ref|range)$/), Extra: expect.stringContaining('Using index') }),
  ]);
});

test('a name search over several tokens: one ordered run per token, merged', async () => {
  const plan = await explain(
    buildPageIdsQuery(db, filters({ search: named(['주문자12', '주문자120', '주문자121'], 'orderer') }), 'newest', window),
  );
  const runs = plan.filter((r) => r.table === 't');
  expect(runs).toHaveLength(3);
  for (const run of runs) expect(run).toEqual(expect.objectContaining({ key: 'PRIMARY', Extra: expect.not.stringContaining('filesort') }));
});

test('an order-number day prefix reads the day off a placed index (no order is looked up)', async () => {
  const placed = { fromAt: new Date('2026-02-01T00:00:00+09:00'), toAt: new Date('2026-02-02T00:00:00+09:00'), dayOnly: true };
  const search = { kind: 'orders' as const, field: 'orderNo' as const, pattern: '20260201%', placed };
  const seller = await explain(buildPageIdsQuery(db, filters({ sellerIds: [sellers[3]], search }), 'newest', window));
  expect(seller).toEqual([
    expect.objectContaining({ table: 'i', key: 'ix_order_items_seller_placed', Extra: expect.not.stringContaining('filesort') }),
  ]);
  const all = await explain(buildCountQuery(db, filters({ search })));
  expect(all).toEqual([expect.objectContaining({ table: 'i', type: 'range', key: 'ix_order_items_placed' })]);
});
