import { sql } from '@brandi/db';
import { createProduct, createSeller, createShopper, explainPlan } from '@brandi/db/testing';
import { buildMyOrderIdsQuery } from '../src/routes/orders/my-orders.js';
import { startTestApp, type TestContext } from './harness.js';
import { bearer, createAddress, ORDERER, optionIds } from './orders.fixtures.js';

let ctx: TestContext;
let shopperId: number;
let headers: Record<string, string>;
const placed: number[] = [];

beforeAll(async () => {
  ctx = await startTestApp();
  const sellerId = await createSeller(ctx.db);
  shopperId = await createShopper(ctx.db);
  headers = await bearer(ctx, shopperId);
  const addressId = await createAddress(ctx.db, shopperId);
  const [optionId] = await optionIds(
    ctx.db,
    await createProduct(ctx.db, sellerId, { price: 60000, options: [{ color: 'c', size: 's', stock: null }] }),
  );
  for (let i = 0; i < 12; i++) {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/orders',
      headers: { ...headers, 'idempotency-key': `list-${i}` },
      payload: { items: [{ optionId, quantity: 1 }], addressId, orderer: ORDERER, expectedTotal: 60000 },
    });
    placed.push(res.json().id);
  }
  // Orders placed within one millisecond tie on placed_at: the id breaks the tie.
  await ctx.db
    .updateTable('orders')
    .set({ placed_at: new Date('2026-11-01T00:00:00.000Z') })
    .where('id', 'in', placed.slice(0, 6))
    .execute();
  await ctx.db
    .updateTable('order_items')
    .set({ placed_at: new Date('2026-11-01T00:00:00.000Z') })
    .where('order_id', 'in', placed.slice(0, 6))
    .execute();
  await ctx.db.updateTable('order_items').set({ status: 'delivered' }).where('order_id', 'in', [placed[1], placed[4], placed[9]]).execute();
});
afterAll(() => ctx.close());

async function walk(query: string, limit: number): Promise<{ ids: number[]; pages: number }> {
  const ids: number[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const url: string = `/me/orders?limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ''}`;
    const res = await ctx.app.inject({ method: 'GET', url, headers });
    expect(res.statusCode).toBe(200);
    ids.push(...res.json().items.map((o: { id: number }) => o.id));
    cursor = res.json().nextCursor;
    pages++;
  } while (cursor);
  return { ids, pages };
}

test('GET /me/orders pages newest first through ties, with the summary of each order', async () => {
  const { ids, pages } = await walk('', 5);
  expect(ids).toEqual([...placed.slice(6).reverse(), ...placed.slice(0, 6).reverse()]);
  expect(pages).toBe(3);
  const first = (await ctx.app.inject({ method: 'GET', url: '/me/orders?limit=1', headers })).json().items[0];
  expect(first).toMatchObject({
    id: placed[11],
    total: 60000,
    itemCount: 1,
    statuses: ['paid'],
    firstItem: { option: { color: 'c', size: 's' } },
  });
});

test('status filters on items', async () => {
  expect((await walk('&status=delivered', 2)).ids).toEqual([placed[9], placed[4], placed[1]]);
});

test('another shopper sees none of them; a forged cursor is 400', async () => {
  const other = await bearer(ctx, await createShopper(ctx.db));
  const res = await ctx.app.inject({ method: 'GET', url: '/me/orders', headers: other });
  expect(res.json()).toEqual({ items: [], nextCursor: null });
  const forged = await ctx.app.inject({ method: 'GET', url: '/me/orders?cursor=bm9wZQ', headers });
  expect(forged.statusCode).toBe(400);
});

test('EXPLAIN: both list paths read their index in order, never sorting', async () => {
  // 10,000 orders (and items) of 100 other shoppers, so the optimizer plans as on a large table.
  const digits = sql`(SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5
    UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9)`;
  await sql`INSERT INTO shoppers (login_id, password_hash, name)
    SELECT CONCAT('bulk_', a.d * 10 + b.d), 'x', 'n' FROM ${digits} a CROSS JOIN ${digits} b`.execute(ctx.db);
  await sql`INSERT INTO orders (order_no, shopper_id, orderer_name, orderer_phone, orderer_phone_digits, orderer_email, recipient,
      recipient_phone, zip_code, address1, address2, items_total, shipping_total, total, placed_at)
    SELECT NULL, s.id, 'x', '010', '010', 'e', 'r', 'p', '00000', 'a', 'b', 1, 0, 1, TIMESTAMP('2026-01-01') + INTERVAL (a.d * 10 + b.d) HOUR
    FROM shoppers s CROSS JOIN ${digits} a CROSS JOIN ${digits} b WHERE s.login_id LIKE 'bulk\\_%'`.execute(ctx.db);
  await sql`INSERT INTO order_items (order_id, item_no, seller_id, shopper_id, product_id, option_id, product_name, product_code,
      option_color, option_size, quantity, unit_price, line_total, status, status_changed_at, placed_at)
    SELECT o.id, CONCAT('B', o.id, '-1'), i.seller_id, o.shopper_id, i.product_id, i.option_id, 'n', 'c', 'c', 's', 1, 1, 1,
      ELT(1 + o.id % 8, 'paid', 'preparing', 'shipping', 'delivered', 'confirmed', 'cancelled', 'refund_requested', 'refunded'),
      o.placed_at, o.placed_at
    FROM orders o CROSS JOIN (SELECT seller_id, product_id, option_id FROM order_items LIMIT 1) i WHERE o.order_no IS NULL`.execute(ctx.db);
  const { n } = await ctx.db
    .selectFrom('order_items')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  expect(Number(n)).toBeGreaterThan(10_000);
  await sql`ANALYZE TABLE orders, order_items`.execute(ctx.db);
  for (const status of [undefined, 'delivered' as const]) {
    const plan = await explainPlan(
      ctx.db,
      buildMyOrderIdsQuery(ctx.db, shopperId, { limit: 20, status, cursor: { placedAt: Date.now(), id: 99 } }),
    );
    expect(plan.map((r) => r.key)).toEqual([status ? 'ix_order_items_shopper_status' : 'ix_orders_shopper_placed']);
    expect(plan.map((r) => r.Extra ?? '').join(' ')).not.toMatch(/filesort|temporary/i);
  }
});
