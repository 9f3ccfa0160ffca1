import type { OrderItemStatus } from '@brandi/db';
import { ORDER_ITEM_STATUSES } from '@brandi/orders';
import { startTestApp, type TestContext } from './harness.js';
import { bearerFor, createOption, createShopper, orderIn, orderState } from './order-moves.fixtures.js';

let ctx: TestContext;
let shopper: number;
let other: number;
let headers: Record<string, string>;
beforeAll(async () => {
  ctx = await startTestApp();
  shopper = await createShopper(ctx.db);
  other = await createShopper(ctx.db);
  headers = await bearerFor(ctx, shopper);
});
afterAll(() => ctx.close());

const ROUTES = {
  cancel: { from: 'paid', to: 'cancelled', payload: { reasonId: 1 } },
  'refund-request': { from: 'delivered', to: 'refund_requested', payload: { reasonId: 5, detail: '발볼이 좁아요' } },
  confirm: { from: 'delivered', to: 'confirmed', payload: undefined },
} as const;
type Route = keyof typeof ROUTES;

const post = (itemId: number, route: Route, as = headers, payload: object | undefined = ROUTES[route].payload) =>
  ctx.app.inject({ method: 'POST', url: `/me/order-items/${itemId}/${route}`, headers: as, payload });

async function oneItemOrder(status: OrderItemStatus, stock: number | null = 10) {
  const option = await createOption(ctx.db, { stock });
  const order = await orderIn(ctx.db, shopper, [{ optionId: option.optionId, quantity: 2 }], status);
  return { ...option, order, itemId: order.items[0].id };
}

describe('every shopper move from every status', () => {
  const cases = (Object.keys(ROUTES) as Route[]).flatMap((route) => ORDER_ITEM_STATUSES.map((from) => [route, from] as const));

  test.each(cases.filter(([route, from]) => ROUTES[route].from === from))('%s from %s is allowed', async (route, from) => {
    const { order, itemId } = await oneItemOrder(from);
    const res = await post(itemId, route);
    expect(res.statusCode).toBe(200);
    const item = res.json().items.find((i: { id: number }) => i.id === itemId);
    expect(item.status).toBe(ROUTES[route].to);
    const history = await ctx.db
      .selectFrom('order_item_history')
      .selectAll()
      .where('order_item_id', '=', itemId)
      .orderBy('valid_from', 'desc')
      .orderBy('id', 'desc')
      .execute();
    expect(history[0]).toMatchObject({ status: ROUTES[route].to, valid_to: null, actor_kind: 'shopper', actor_id: shopper });
    expect(history[1].valid_to).toEqual(history[0].valid_from);
    expect(res.json().id).toBe(order.orderId);
  });

  test.each(cases.filter(([route, from]) => ROUTES[route].from !== from))(
    '%s from %s is 409 ILLEGAL_TRANSITION and changes nothing',
    async (route, from) => {
      const { order, itemId } = await oneItemOrder(from);
      const before = await orderState(ctx.db, order.orderId);
      const res = await post(itemId, route);
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('ILLEGAL_TRANSITION');
      expect(await orderState(ctx.db, order.orderId)).toEqual(before);
    },
  );
});

describe('cancel', () => {
  test('puts managed stock back, takes the units out of sales counts, refunds the line and writes who and why', async () => {
    const { order, itemId, optionId, productId, sellerId } = await oneItemOrder('paid', 10);
    const placed = await orderState(ctx.db, order.orderId);
    expect(placed.options).toEqual([{ id: optionId, stock: 8 }]);
    const res = await post(itemId, 'cancel', headers, { reasonId: 2 });
    expect(res.statusCode).toBe(200);
    const after = await orderState(ctx.db, order.orderId);
    expect(after.options).toEqual([{ id: optionId, stock: 10 }]);
    expect(after.products[0]).toMatchObject({ id: productId, sales_count: placed.products[0].sales_count - 2 });
    expect(after.products[0].ranking_score).toBeLessThan(placed.products[0].ranking_score);
    expect(after.sellers).toEqual([{ id: sellerId, sales_count: placed.sellers[0].sales_count - 2 }]);
    expect(after.items[0]).toMatchObject({ status: 'cancelled', cancel_reason_id: 2, refund_amount: after.items[0].line_total });
    expect(after.history.at(-1)).toMatchObject({ status: 'cancelled', reason_id: 2, actor_kind: 'shopper', actor_id: shopper });
    const shown = res.json().items[0];
    expect(shown).toMatchObject({ status: 'cancelled', refundAmount: after.items[0].line_total, canCancel: false });
  });

  test('unmanaged stock stays unmanaged', async () => {
    const { itemId, optionId } = await oneItemOrder('paid', null);
    expect((await post(itemId, 'cancel')).statusCode).toBe(200);
    expect(await ctx.db.selectFrom('product_options').select('stock').where('id', '=', optionId).executeTakeFirst()).toEqual({
      stock: null,
    });
  });

  test('a reason only sellers may give (상품품절), or no reason at all, is 400 and changes nothing', async () => {
    const { order, itemId } = await oneItemOrder('paid');
    const before = await orderState(ctx.db, order.orderId);
    for (const payload of [{ reasonId: 3 }, { reasonId: 99 }, {}]) {
      const res = await post(itemId, 'cancel', headers, payload);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details[0].field).toMatch(/reasonId/);
    }
    expect(await orderState(ctx.db, order.orderId)).toEqual(before);
  });

  test('the per-seller status counters follow the move', async () => {
    const { itemId, sellerId } = await oneItemOrder('paid');
    const count = async (status: OrderItemStatus) =>
      (
        await ctx.db
          .selectFrom('order_item_counts')
          .select('item_count')
          .where('seller_id', '=', sellerId)
          .where('status', '=', status)
          .executeTakeFirst()
      )?.item_count ?? 0;
    expect([await count('paid'), await count('cancelled')]).toEqual([1, 0]);
    await post(itemId, 'cancel');
    expect([await count('paid'), await count('cancelled')]).toEqual([0, 1]);
  });
});

test('refund-request keeps the reason and detail on the item and its history line', async () => {
  const { order, itemId } = await oneItemOrder('delivered');
  expect((await post(itemId, 'refund-request')).statusCode).toBe(200);
  const { items, history } = await orderState(ctx.db, order.orderId);
  expect(items[0]).toMatchObject({ status: 'refund_requested', refund_reason_id: 5, refund_detail: '발볼이 좁아요', refund_amount: null });
  expect(history.at(-1)).toMatchObject({ status: 'refund_requested', reason_id: 5, reason_text: '발볼이 좁아요' });
  expect((await post(itemId, 'refund-request', headers, { reasonId: 77 })).statusCode).toBe(409);
});

describe('someone else’s item', () => {
  test.each(Object.keys(ROUTES) as Route[])(
    '%s of another shopper’s item (in the right status) is 404 and changes nothing',
    async (route) => {
      const { order, itemId } = await oneItemOrder(ROUTES[route].from);
      const before = await orderState(ctx.db, order.orderId);
      const res = await post(itemId, route, await bearerFor(ctx, other));
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
      expect((await post(999_999, route)).statusCode).toBe(404);
      expect(await orderState(ctx.db, order.orderId)).toEqual(before);
    },
  );

  test('anonymous is 401', async () => {
    const { itemId } = await oneItemOrder('paid');
    expect((await post(itemId, 'cancel', {})).statusCode).toBe(401);
  });
});

test('GET /order-reasons: cancel reasons with who may give them, refund reasons', async () => {
  const res = await ctx.app.inject({ method: 'GET', url: '/order-reasons' });
  expect(res.json()).toEqual({
    cancel: [
      { id: 1, name: '구매자취소', shopperAllowed: true },
      { id: 2, name: '구매자변심', shopperAllowed: true },
      { id: 3, name: '상품품절', shopperAllowed: false },
    ],
    refund: ['단순변심', '상품불량', '오배송', '배송지연', '사이즈 불만족', '기타'].map((name, i) => ({ id: i + 1, name })),
  });
});
