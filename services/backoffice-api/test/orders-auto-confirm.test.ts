import { createDb, sql } from '@brandi/db';
import { createTestDb, type TestDb } from '@brandi/db/testing';
import { autoConfirmDelivered } from '../src/jobs/auto-confirm.js';
import { createItemsInStatuses } from './orders.fixtures.js';
import { createProduct, createSeller, createShopper } from './sellers.fixtures.js';

// Auto-confirmation: delivered items older than the setting become confirmed by the system; two runs at once
// (two pools, as two instances would) confirm each item exactly once and never fail on a lock.

const DAY = 24 * 3600 * 1000;
const NOW = new Date('2026-07-20T00:00:00.000Z');
let t: TestDb;
let old: number[];
let recent: number[];
let others: number[];

beforeAll(async () => {
  t = await createTestDb();
  const shopper = await createShopper(t.db);
  const sellers = [await createSeller(t.db), await createSeller(t.db), await createSeller(t.db)];
  const products = await Promise.all(sellers.map((s) => createProduct(t.db, s)));
  old = [];
  for (const [k, seller] of sellers.entries()) {
    old.push(
      ...(await createItemsInStatuses(t.db, {
        shopperId: shopper,
        sellerId: seller,
        productId: products[k],
        statuses: Array.from({ length: 100 }, () => 'delivered' as const),
        placedAt: new Date(NOW.getTime() - 12 * DAY),
        statusChangedAt: new Date(NOW.getTime() - 8 * DAY),
      })),
    );
  }
  const base = { shopperId: shopper, sellerId: sellers[0], productId: products[0] };
  recent = await createItemsInStatuses(t.db, {
    ...base,
    statuses: ['delivered', 'delivered'],
    placedAt: new Date(NOW.getTime() - 9 * DAY),
    statusChangedAt: new Date(NOW.getTime() - 6 * DAY),
  });
  others = await createItemsInStatuses(t.db, {
    ...base,
    statuses: ['shipping', 'refund_requested'],
    placedAt: new Date(NOW.getTime() - 30 * DAY),
    statusChangedAt: new Date(NOW.getTime() - 20 * DAY),
  });
}, 120_000);
afterAll(() => t.destroy());

test('two runs at once confirm every old delivered item exactly once, by the system, without lock errors', async () => {
  const second = createDb({ url: t.url, poolSize: 2 });
  try {
    const [a, b] = await Promise.all([
      autoConfirmDelivered(t.db, { days: 7, now: NOW, batch: 25 }),
      autoConfirmDelivered(second, { days: 7, now: NOW, batch: 25 }),
    ]);
    const all = [...a.confirmed, ...b.confirmed];
    expect(all.sort((x, y) => x - y)).toEqual([...old].sort((x, y) => x - y));
    expect(a.confirmed.length).toBeGreaterThan(0);
    expect(b.confirmed.length).toBeGreaterThan(0);
  } finally {
    await second.destroy();
  }
  const { rows } = await sql<{
    id: number;
    n: number;
    systems: number;
  }>`SELECT i.id, COUNT(h.id) AS n, SUM(h.actor_kind = 'system' AND h.actor_id IS NULL) AS systems
    FROM order_items i JOIN order_item_history h ON h.order_item_id = i.id AND h.status = 'confirmed'
    GROUP BY i.id`.execute(t.db);
  expect(rows.map((r) => Number(r.id)).sort((x, y) => x - y)).toEqual([...old].sort((x, y) => x - y));
  expect(rows.every((r) => Number(r.n) === 1 && Number(r.systems) === 1)).toBe(true);
  const untouched = await t.db
    .selectFrom('order_items')
    .select(['id', 'status'])
    .where('id', 'in', [...recent, ...others])
    .orderBy('id')
    .execute();
  expect(untouched.map((r) => r.status)).toEqual(['delivered', 'delivered', 'shipping', 'refund_requested']);
  const counters = await t.db
    .selectFrom('order_item_counts')
    .select(['status', (eb) => eb.fn.sum<number>('item_count').as('n')])
    .groupBy('status')
    .execute();
  expect(Object.fromEntries(counters.map((c) => [c.status, Number(c.n)]))).toEqual(
    expect.objectContaining({ confirmed: 300, delivered: 2, shipping: 1, refund_requested: 1 }),
  );
});

test('a later run finds nothing left; the recent items wait for their day', async () => {
  expect((await autoConfirmDelivered(t.db, { days: 7, now: NOW })).confirmed).toEqual([]);
  const later = await autoConfirmDelivered(t.db, { days: 7, now: new Date(NOW.getTime() + 2 * DAY) });
  expect(later.confirmed.sort()).toEqual([...recent].sort());
});
