import { advancePaidItem } from '@brandi/orders';
import { startTestApp, type TestContext } from './harness.js';
import { bearerFor, createOption, createShopper, orderIn, orderState } from './order-moves.fixtures.js';
import { createAddress, ORDERER } from './orders.fixtures.js';

let ctx: TestContext;
let shopper: number;
let headers: Record<string, string>;
beforeAll(async () => {
  ctx = await startTestApp();
  shopper = await createShopper(ctx.db);
  headers = await bearerFor(ctx, shopper);
});
afterAll(() => ctx.close());

const cancel = (itemId: number) =>
  ctx.app.inject({ method: 'POST', url: `/me/order-items/${itemId}/cancel`, headers, payload: { reasonId: 1 } });

/** Two items of seller A (10,000 + 20,000: shipping 3,000) and one of seller B (shipping 3,000). */
async function twoSellerOrder() {
  const a1 = await createOption(ctx.db, { stock: 5, price: 10_000 });
  const a2 = await createOption(ctx.db, { stock: 5, price: 20_000, sellerId: a1.sellerId });
  const b = await createOption(ctx.db, { stock: 5, price: 15_000 });
  const order = await orderIn(ctx.db, shopper, [
    { optionId: a1.optionId, quantity: 1 },
    { optionId: a2.optionId, quantity: 1 },
    { optionId: b.optionId, quantity: 1 },
  ]);
  const itemOf = (optionId: number) => order.items.find((i) => i.optionId === optionId)!.id;
  return { order, sellerA: a1.sellerId, sellerB: b.sellerId, a1: itemOf(a1.optionId), a2: itemOf(a2.optionId), b: itemOf(b.optionId) };
}

test("a seller's shipping fee is refunded once all of that seller's items are cancelled or refunded", async () => {
  const { order, sellerA, sellerB, a1, a2 } = await twoSellerOrder();
  const first = await cancel(a1);
  expect(first.json()).toMatchObject({ total: 51_000, refundedTotal: 10_000 });
  const group = async (sellerId: number) =>
    (await orderState(ctx.db, order.orderId)).groups.find((g) => g.seller_id === sellerId)!.shipping_refunded;
  expect(await group(sellerA)).toBe(false);

  // The other item of seller A goes the refund way: delivered, refund requested, refunded by the seller.
  await ctx.db.transaction().execute(async (trx) => {
    await advancePaidItem(trx, { id: a2, shopperId: shopper, sellerId: sellerA }, 'refunded', new Date());
  });
  expect(await group(sellerA)).toBe(true);
  expect(await group(sellerB)).toBe(false);
  const detail = await ctx.app.inject({ method: 'GET', url: `/me/orders/${order.orderId}`, headers });
  expect(detail.json()).toMatchObject({ total: 51_000, refundedTotal: 10_000 + 20_000 + 3_000 });
});

describe('races', () => {
  test('two concurrent cancels of one item: one succeeds, one is ILLEGAL_TRANSITION, stock comes back once', async () => {
    for (let round = 0; round < 3; round++) {
      const option = await createOption(ctx.db, { stock: 4 });
      const order = await orderIn(ctx.db, shopper, [{ optionId: option.optionId, quantity: 3 }]);
      const itemId = order.items[0].id;
      const answers = await Promise.all([cancel(itemId), cancel(itemId)]);
      expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      expect(answers.find((r) => r.statusCode === 409)!.json().error.code).toBe('ILLEGAL_TRANSITION');
      const state = await orderState(ctx.db, order.orderId);
      expect(state.options).toEqual([{ id: option.optionId, stock: 4 }]);
      expect(state.history.map((h) => h.status)).toEqual(['paid', 'cancelled']);
    }
  });

  test("concurrent cancels of every item of one seller's group: the shipping fee is refunded exactly once", async () => {
    for (let round = 0; round < 3; round++) {
      const { order, sellerA, a1, a2, b } = await twoSellerOrder();
      const answers = await Promise.all([cancel(a1), cancel(a2), cancel(b)]);
      expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 200]);
      const { groups } = await orderState(ctx.db, order.orderId);
      expect(groups.map((g) => g.shipping_refunded)).toEqual([true, true]);
      const detail = await ctx.app.inject({ method: 'GET', url: `/me/orders/${order.orderId}`, headers });
      expect(detail.json()).toMatchObject({ total: 51_000, refundedTotal: 51_000 });
      expect(groups.find((g) => g.seller_id === sellerA)).toMatchObject({ subtotal: 30_000, shipping_fee: 3_000 });
    }
  });
});

test('history stays contiguous across a whole life, rejections included', async () => {
  const option = await createOption(ctx.db, { stock: 5 });
  const order = await orderIn(ctx.db, shopper, [{ optionId: option.optionId, quantity: 1 }], 'refund_requested');
  const itemId = order.items[0].id;
  const { transitionItem } = await import('@brandi/orders');
  await ctx.db.transaction().execute((trx) =>
    transitionItem(trx, {
      itemId,
      to: 'delivered',
      actor: { kind: 'admin', id: 1 },
      rejectReason: '사용 흔적이 있습니다',
      now: new Date(),
    }),
  );
  expect((await ctx.app.inject({ method: 'POST', url: `/me/order-items/${itemId}/confirm`, headers })).statusCode).toBe(200);
  const { history, items } = await orderState(ctx.db, order.orderId);
  expect(history.map((h) => h.status)).toEqual([
    'paid',
    'preparing',
    'shipping',
    'delivered',
    'refund_requested',
    'delivered',
    'confirmed',
  ]);
  for (let i = 1; i < history.length; i++) {
    expect(history[i - 1].valid_to).toEqual(history[i].valid_from);
    expect(history[i].valid_from.getTime()).toBeGreaterThanOrEqual(history[i - 1].valid_from.getTime());
  }
  expect(history.filter((h) => h.valid_to === null)).toHaveLength(1);
  expect(history[5]).toMatchObject({ actor_kind: 'admin', reason_text: '사용 흔적이 있습니다' });
  expect(items[0]).toMatchObject({ status: 'confirmed', refund_reason_id: null, refund_detail: null, refund_amount: null });
});

test('cancels racing checkouts of the same option and seller: no deadlock reaches the client, stock and counters add up', async () => {
  const option = await createOption(ctx.db, { stock: 20, price: 10_000 });
  const placed = [];
  for (let i = 0; i < 4; i++) placed.push(await orderIn(ctx.db, shopper, [{ optionId: option.optionId, quantity: 1 }]));
  const addressId = await createAddress(ctx.db, shopper);
  const checkout = (i: number) =>
    ctx.app.inject({
      method: 'POST',
      url: '/orders',
      headers: { ...headers, 'idempotency-key': `race-${option.optionId}-${i}` },
      payload: { items: [{ optionId: option.optionId, quantity: 1 }], addressId, orderer: ORDERER, expectedTotal: 13_000 },
    });
  const answers = await Promise.all([...placed.map((o) => cancel(o.items[0].id)), ...[0, 1, 2, 3, 4, 5].map(checkout)]);
  expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 201, 201, 201, 201, 201, 201]);
  const stock = await ctx.db.selectFrom('product_options').select('stock').where('id', '=', option.optionId).executeTakeFirstOrThrow();
  expect(stock.stock).toBe(20 - 6);
  const counts = await ctx.db
    .selectFrom('order_item_counts')
    .select(['status', 'item_count'])
    .where('seller_id', '=', option.sellerId)
    .orderBy('status')
    .execute();
  expect(counts.filter((c) => c.item_count > 0)).toEqual([
    { status: 'paid', item_count: 6 },
    { status: 'cancelled', item_count: 4 },
  ]);
  const product = await ctx.db.selectFrom('products').select('sales_count').where('id', '=', option.productId).executeTakeFirstOrThrow();
  expect(product.sales_count).toBe(6);
});
