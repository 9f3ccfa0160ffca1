import { sql } from '@brandi/db';
import { createTestDb, type TestDb } from '@brandi/db/testing';
import { seedBulk } from './products.js';
import { seedOrdersBulk } from './orders.js';

// Bench orders must look like orders the services wrote: every status, contiguous status lines ending in the
// item's status, counters equal to the items, seller groups matching their items and the orders' totals.

let t: TestDb;
const NOW = new Date('2026-11-30T03:00:00.000Z');
beforeAll(async () => {
  t = await createTestDb();
  await seedBulk(t.db, undefined, { products: 600, sellers: 20, shoppers: 30, now: NOW });
  await seedOrdersBulk(t.db, { items: 3000, batchOrders: 400, now: NOW });
}, 120_000);
afterAll(() => t.destroy());

test('exactly the requested items, over every status; a second run adds nothing', async () => {
  const rows = await t.db
    .selectFrom('order_items')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  expect(rows.map((r) => r.status).sort()).toEqual(
    ['cancelled', 'confirmed', 'delivered', 'paid', 'preparing', 'refund_requested', 'refunded', 'shipping'].sort(),
  );
  expect(rows.reduce((sum, r) => sum + Number(r.n), 0)).toBe(3000);
  expect((await seedOrdersBulk(t.db, { items: 3000, now: NOW })).itemsCreated).toBe(0);
});

test('the counters equal the items per seller and status', async () => {
  const { rows } = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM (
      SELECT seller_id, status, COUNT(*) AS c FROM order_items GROUP BY seller_id, status) x
    LEFT JOIN order_item_counts c ON c.seller_id = x.seller_id AND c.status = x.status
    WHERE c.item_count IS NULL OR c.item_count <> x.c`.execute(t.db);
  expect(Number(rows[0].n)).toBe(0);
});

test('each item’s status lines start paid at the order time, are contiguous and end open in its status', async () => {
  const { rows } = await sql<{ bad: number }>`SELECT COUNT(*) AS bad FROM order_items i WHERE
      NOT EXISTS (SELECT 1 FROM order_item_history h WHERE h.order_item_id = i.id AND h.status = 'paid' AND h.valid_from = i.placed_at)
      OR NOT EXISTS (SELECT 1 FROM order_item_history h WHERE h.order_item_id = i.id AND h.valid_to IS NULL
                     AND h.status = i.status AND h.valid_from = i.status_changed_at)
      OR (SELECT COUNT(*) FROM order_item_history h WHERE h.order_item_id = i.id AND h.valid_to IS NULL) <> 1
      OR EXISTS (SELECT 1 FROM order_item_history h WHERE h.order_item_id = i.id AND h.valid_to IS NOT NULL
                 AND NOT EXISTS (SELECT 1 FROM order_item_history n WHERE n.order_item_id = i.id AND n.valid_from = h.valid_to))`.execute(
    t.db,
  );
  expect(Number(rows[0].bad)).toBe(0);
});

test('seller groups hold their items’ totals; orders hold the sums; numbers follow the KST day + id rule', async () => {
  const { rows } = await sql<{ bad: number }>`SELECT
      (SELECT COUNT(*) FROM order_seller_groups g WHERE g.subtotal <> (SELECT SUM(line_total) FROM order_items i
         WHERE i.order_id = g.order_id AND i.seller_id = g.seller_id)) +
      (SELECT COUNT(*) FROM orders o WHERE o.items_total <> (SELECT SUM(line_total) FROM order_items i WHERE i.order_id = o.id)
         OR o.shipping_total <> (SELECT SUM(shipping_fee) FROM order_seller_groups g WHERE g.order_id = o.id)
         OR o.total <> o.items_total + o.shipping_total
         OR o.order_no <> CONCAT(DATE_FORMAT(o.placed_at + INTERVAL 9 HOUR, '%Y%m%d'), LPAD(o.id, 6, '0'))) +
      (SELECT COUNT(*) FROM order_items i JOIN orders o ON o.id = i.order_id WHERE i.item_no NOT LIKE CONCAT(o.order_no, '-%')) AS bad`.execute(
    t.db,
  );
  expect(Number(rows[0].bad)).toBe(0);
});
