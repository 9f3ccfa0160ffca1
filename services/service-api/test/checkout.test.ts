import { rankingScore } from '@brandi/db';
import { createSeller } from '@brandi/db/testing';
import { approvingGateway } from '@brandi/orders';
import { placeOrder } from '../src/routes/orders/checkout.js';
import { startTestApp, type TestContext } from './harness.js';
import { checkoutFixtures, countRows, ORDERER, stockOf, type TestShopper } from './orders.fixtures.js';

let ctx: TestContext;
let sellerA: number;
let sellerB: number;

beforeAll(async () => {
  ctx = await startTestApp();
  sellerA = await createSeller(ctx.db, { nameKo: '셀러A' });
  sellerB = await createSeller(ctx.db, { nameKo: '셀러B' });
  ({ newShopper, newOption, order } = checkoutFixtures(ctx));
});
afterAll(() => ctx.close());

type Shopper = TestShopper;
let newShopper: () => Promise<Shopper>;
let newOption: ReturnType<typeof checkoutFixtures>['newOption'];
let order: ReturnType<typeof checkoutFixtures>['order'];

describe('POST /orders places an order in one transaction', () => {
  test('prices on the server, charges shipping per seller, takes stock, moves sales counts, empties those cart lines', async () => {
    const shopper = await newShopper();
    const cheap = await newOption(sellerA, { price: 10000, options: [{ color: 'red', size: 'S', stock: 10 }] });
    const dear = await newOption(sellerB, { price: 30000, discountRate: 10, options: [{ color: 'blue', size: 'L', stock: null }] });
    const kept = await newOption(sellerB, { price: 1000 });
    for (const optionId of [cheap, dear, kept]) {
      await ctx.db.insertInto('cart_lines').values({ shopper_id: shopper.id, option_id: optionId, quantity: 1 }).execute();
    }
    // seller A: 20,000 (+3,000 shipping); seller B: 27,000 × 2 = 54,000 (free shipping)
    const res = await order(
      shopper,
      [
        { optionId: dear, quantity: 2 },
        { optionId: cheap, quantity: 2 },
      ],
      77000,
    );
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ itemsTotal: 74000, shippingTotal: 3000, total: 77000, refundedTotal: 0, orderer: ORDERER });
    expect(body.orderNo).toMatch(/^\d{8}\d{6,}$/);
    expect(body.shipping).toMatchObject({ recipient: '홍길동', zipCode: '04524', memo: null });
    expect(body.sellers).toEqual([
      { seller: { id: sellerA, name: '셀러A' }, subtotal: 20000, shippingFee: 3000 },
      { seller: { id: sellerB, name: '셀러B' }, subtotal: 54000, shippingFee: 0 },
    ]);
    expect(
      body.items.map((i: { itemNo: string; unitPrice: number; status: string; canCancel: boolean }) => [
        i.itemNo,
        i.unitPrice,
        i.status,
        i.canCancel,
      ]),
    ).toEqual([
      [`${body.orderNo}-1`, 10000, 'paid', true],
      [`${body.orderNo}-2`, 27000, 'paid', true],
    ]);
    expect(await stockOf(ctx.db, cheap)).toBe(8);
    expect(await stockOf(ctx.db, dear)).toBeNull();
    const cart = await ctx.db.selectFrom('cart_lines').select('option_id').where('shopper_id', '=', shopper.id).execute();
    expect(cart.map((c) => c.option_id)).toEqual([kept]);
    const seller = await ctx.db.selectFrom('sellers').select('sales_count').where('id', '=', sellerB).executeTakeFirstOrThrow();
    expect(seller.sales_count).toBe(2);
    const product = await ctx.db
      .selectFrom('products')
      .innerJoin('product_options as o', 'o.product_id', 'products.id')
      .select(['sales_count', 'ranking_score', 'created_at'])
      .where('o.id', '=', dear)
      .executeTakeFirstOrThrow();
    expect(product.sales_count).toBe(2);
    expect(product.ranking_score).toBeCloseTo(rankingScore(2, product.created_at), 9);
    const history = await ctx.db.selectFrom('order_item_history').selectAll().where('order_item_id', '=', body.items[0].id).execute();
    expect(history).toEqual([expect.objectContaining({ status: 'paid', actor_kind: 'shopper', actor_id: shopper.id, valid_to: null })]);
    const counts = await ctx.db.selectFrom('order_item_counts').selectAll().where('seller_id', 'in', [sellerA, sellerB]).execute();
    expect(counts.map((c) => [c.seller_id, c.status, c.item_count]).sort()).toEqual(
      [
        [sellerA, 'paid', 1],
        [sellerB, 'paid', 1],
      ].sort(),
    );
    const detail = await ctx.app.inject({ method: 'GET', url: `/me/orders/${body.id}`, headers: shopper.headers });
    expect(detail.json()).toEqual(body);
  });

  test("another shopper's order is 404", async () => {
    const [owner, other] = [await newShopper(), await newShopper()];
    const res = await order(owner, [{ optionId: await newOption(sellerA, { price: 60000 }), quantity: 1 }], 60000);
    expect(res.statusCode).toBe(201);
    const peek = await ctx.app.inject({ method: 'GET', url: `/me/orders/${res.json().id}`, headers: other.headers });
    expect(peek.statusCode).toBe(404);
    expect(peek.json().error.code).toBe('NOT_FOUND');
  });
});

describe('checks, in API.md order, and nothing placed on any failure', () => {
  test('a quantity outside min/max is 400 naming the line', async () => {
    const shopper = await newShopper();
    const optionId = await newOption(sellerA, { minOrderQty: 2, maxOrderQty: 3 });
    const res = await order(shopper, [{ optionId, quantity: 4 }], 43000);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([{ field: 'items[0].quantity', message: 'must be between 2 and 3' }]);
  });

  test('a hidden product is NOT_PURCHASABLE before any stock problem; an address of someone else is 400', async () => {
    const shopper = await newShopper();
    const hidden = await newOption(sellerA, { isDisplayed: false });
    const empty = await newOption(sellerA, { options: [{ color: 'c', size: 's', stock: 0 }] });
    const res = await order(
      shopper,
      [
        { optionId: empty, quantity: 1 },
        { optionId: hidden, quantity: 1 },
      ],
      23000,
    );
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'NOT_PURCHASABLE', details: [{ field: 'items[1].optionId' }] });
    const stranger = await newShopper();
    const foreign = await order({ ...shopper, addressId: stranger.addressId }, [{ optionId: empty, quantity: 1 }], 13000);
    expect(foreign.json().error.details).toEqual([{ field: 'addressId', message: 'is not one of your addresses' }]);
    const out = await order(shopper, [{ optionId: empty, quantity: 1 }], 13000);
    expect(out.json().error).toMatchObject({ code: 'OUT_OF_STOCK', details: [{ field: 'items[0].quantity', message: 'only 0 left' }] });
  });

  test('a price change between quote and order is PRICE_CHANGED with the new quote, and nothing is placed', async () => {
    const shopper = await newShopper();
    const optionId = await newOption(sellerA, { price: 20000, options: [{ color: 'c', size: 's', stock: 3 }] });
    const quote = await ctx.app.inject({
      method: 'POST',
      url: '/orders/quote',
      headers: shopper.headers,
      payload: { items: [{ optionId, quantity: 1 }] },
    });
    expect(quote.json().total).toBe(23000);
    const productId = (await ctx.db.selectFrom('product_options').select('product_id').where('id', '=', optionId).executeTakeFirstOrThrow())
      .product_id;
    await ctx.db.updateTable('products').set({ price: 25000 }).where('id', '=', productId).execute();
    const before = await countRows(ctx.db, 'orders');
    const res = await order(shopper, [{ optionId, quantity: 1 }], quote.json().total);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'PRICE_CHANGED', quote: { total: 28000, items: [{ optionId, unitPrice: 25000 }] } });
    expect(await countRows(ctx.db, 'orders')).toBe(before);
    expect(await stockOf(ctx.db, optionId)).toBe(3);
  });

  test('a declined payment places nothing (the seam between pricing and commit)', async () => {
    const shopper = await newShopper();
    const optionId = await newOption(sellerA, { price: 50000, options: [{ color: 'c', size: 's', stock: 2 }] });
    const declining = { authorize: async () => ({ approved: false as const, reason: 'card refused' }) };
    const deps = { db: ctx.db, store: ctx.app.store, now: () => new Date(), payments: declining };
    const body = { items: [{ optionId, quantity: 1 }], addressId: shopper.addressId, orderer: ORDERER, expectedTotal: 50000 };
    await expect(placeOrder(deps, shopper.id, 'declined', body)).rejects.toThrow('The payment was declined: card refused');
    expect(await stockOf(ctx.db, optionId)).toBe(2);
    // The key answers its first response (the decline) again; a new attempt takes a new key.
    const replayed = await placeOrder({ ...deps, payments: approvingGateway }, shopper.id, 'declined', body);
    expect(replayed).toEqual({ status: 409, body: { error: { code: 'CONFLICT', message: 'The payment was declined: card refused' } } });
    const placed = await placeOrder({ ...deps, payments: approvingGateway }, shopper.id, 'declined-2', body);
    expect(placed.status).toBe(201);
  });
});

describe('races', () => {
  test('45 concurrent single-unit orders from 9 shoppers for 5 units: exactly 5 placed, the rest OUT_OF_STOCK', async () => {
    const optionId = await newOption(sellerB, { price: 10000, options: [{ color: 'hot', size: 'F', stock: 5 }] });
    const shoppers = await Promise.all(Array.from({ length: 9 }, () => newShopper()));
    const answers = await Promise.all(Array.from({ length: 45 }, (_, i) => order(shoppers[i % 9], [{ optionId, quantity: 1 }], 13000)));
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(statuses.filter((s) => s === 409)).toHaveLength(40);
    expect(answers.filter((a) => a.statusCode === 409).every((a) => a.json().error.code === 'OUT_OF_STOCK')).toBe(true);
    expect(await stockOf(ctx.db, optionId)).toBe(0);
    const sold = await ctx.db.selectFrom('order_items').select('id').where('option_id', '=', optionId).execute();
    expect(sold).toHaveLength(5);
  });

  test('without the in-process gate (as from many instances) the row lock alone still places exactly the stock', async () => {
    const optionId = await newOption(sellerA, { price: 10000, options: [{ color: 'hot', size: 'F', stock: 5 }] });
    const shoppers = await Promise.all(Array.from({ length: 8 }, () => newShopper()));
    const deps = { db: ctx.db, store: ctx.app.store, now: () => new Date(), payments: approvingGateway };
    const outcomes = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) => {
        const s = shoppers[i % 8];
        const body = { items: [{ optionId, quantity: 1 }], addressId: s.addressId, orderer: ORDERER, expectedTotal: 13000 };
        return placeOrder(deps, s.id, `ungated-${i}`, body);
      }),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(5);
    const reasons = outcomes.flatMap((o) => (o.status === 'rejected' ? [(o.reason as Error).name] : []));
    expect(reasons).toEqual(Array(35).fill('OutOfStockError'));
    expect(await stockOf(ctx.db, optionId)).toBe(0);
  });

  test('the same Idempotency-Key sent twice at once places one order and answers both alike', async () => {
    const shopper = await newShopper();
    const optionId = await newOption(sellerA, { price: 10000, options: [{ color: 'c', size: 's', stock: 9 }] });
    const [first, second] = await Promise.all([
      order(shopper, [{ optionId, quantity: 1 }], 13000, 'same-key'),
      order(shopper, [{ optionId, quantity: 1 }], 13000, 'same-key'),
    ]);
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    expect(second.json()).toEqual(first.json());
    expect(await stockOf(ctx.db, optionId)).toBe(8);
    const again = await order(shopper, [{ optionId, quantity: 1 }], 13000, 'same-key');
    expect(again.json()).toEqual(first.json());
    const reused = await order(shopper, [{ optionId, quantity: 2 }], 23000, 'same-key');
    expect(reused.statusCode).toBe(409);
    expect(reused.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    // Keys are per shopper: another shopper's same key is a new order.
    const other = await newShopper();
    expect((await order(other, [{ optionId, quantity: 1 }], 13000, 'same-key')).statusCode).toBe(201);
    expect(await stockOf(ctx.db, optionId)).toBe(7);
    // Without the in-process gate both transactions really meet at the key's unique index.
    const deps = { db: ctx.db, store: ctx.app.store, now: () => new Date(), payments: approvingGateway };
    const body = { items: [{ optionId, quantity: 1 }], addressId: shopper.addressId, orderer: ORDERER, expectedTotal: 13000 };
    const [a, b] = await Promise.all([placeOrder(deps, shopper.id, 'ungated', body), placeOrder(deps, shopper.id, 'ungated', body)]);
    expect(b).toEqual(a);
    expect(await stockOf(ctx.db, optionId)).toBe(6);
  });
});
