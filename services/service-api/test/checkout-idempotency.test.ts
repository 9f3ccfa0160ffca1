import { sql } from '@brandi/db';
import { createSeller } from '@brandi/db/testing';
import { approvingGateway } from '@brandi/orders';
import { insertItems } from '../src/routes/orders/checkout-writes.js';
import { placeOrder } from '../src/routes/orders/checkout.js';
import { startTestApp, type TestContext } from './harness.js';
import { checkoutFixtures, countRows, ORDERER, stockOf } from './orders.fixtures.js';

let ctx: TestContext;
let sellerId: number;
let fx: ReturnType<typeof checkoutFixtures>;

beforeAll(async () => {
  ctx = await startTestApp();
  sellerId = await createSeller(ctx.db);
  fx = checkoutFixtures(ctx);
});
afterAll(() => ctx.close());

describe('a failed checkout answers its key alike on a retry (API.md: the first call’s status and body)', () => {
  test('OUT_OF_STOCK is answered again after a restock; a new key places the order', async () => {
    const shopper = await fx.newShopper();
    const optionId = await fx.newOption(sellerId, { price: 10000, options: [{ color: 'c', size: 's', stock: 1 }] });
    const first = await fx.order(shopper, [{ optionId, quantity: 2 }], 23000, 'short');
    expect(first.statusCode).toBe(409);
    expect(first.json().error).toEqual({
      code: 'OUT_OF_STOCK',
      message: 'Some lines are out of stock',
      details: [{ field: 'items[0].quantity', message: 'only 1 left' }],
    });
    await ctx.db.updateTable('product_options').set({ stock: 5 }).where('id', '=', optionId).execute();
    const retry = await fx.order(shopper, [{ optionId, quantity: 2 }], 23000, 'short');
    expect([retry.statusCode, retry.json()]).toEqual([409, first.json()]);
    expect(await stockOf(ctx.db, optionId)).toBe(5);
    const reused = await fx.order(shopper, [{ optionId, quantity: 1 }], 13000, 'short');
    expect(reused.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await fx.order(shopper, [{ optionId, quantity: 2 }], 23000, 'short-2')).statusCode).toBe(201);
    expect(await stockOf(ctx.db, optionId)).toBe(3);
  });

  test('a 400 of the checkout (an address of someone else) is answered again, with nothing placed', async () => {
    const [shopper, stranger] = [await fx.newShopper(), await fx.newShopper()];
    const optionId = await fx.newOption(sellerId, { price: 60000 });
    const before = await countRows(ctx.db, 'orders');
    const foreign = { ...shopper, addressId: stranger.addressId };
    const first = await fx.order(foreign, [{ optionId, quantity: 1 }], 60000, 'foreign');
    const retry = await fx.order(foreign, [{ optionId, quantity: 1 }], 60000, 'foreign');
    expect([first.statusCode, retry.statusCode]).toEqual([400, 400]);
    expect(retry.json()).toEqual(first.json());
    expect(await countRows(ctx.db, 'orders')).toBe(before);
  });
});

describe('stock taken for several lines in one statement', () => {
  test('racing orders of two managed lines (no in-process gate): exactly the stock placed, the short line named', async () => {
    const roomy = await fx.newOption(sellerId, { price: 10000, options: [{ color: 'c', size: 's', stock: 10 }] });
    const scarce = await fx.newOption(sellerId, { price: 10000, options: [{ color: 'c', size: 's', stock: 2 }] });
    const shoppers = await Promise.all(Array.from({ length: 6 }, () => fx.newShopper()));
    const deps = { db: ctx.db, store: ctx.app.store, now: () => new Date(), payments: approvingGateway };
    const outcomes = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => {
        const s = shoppers[i % 6];
        const items = [
          { optionId: roomy, quantity: 1 },
          { optionId: scarce, quantity: 1 },
        ];
        return placeOrder(deps, s.id, `race-${i}`, { items, addressId: s.addressId, orderer: ORDERER, expectedTotal: 23000 });
      }),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(2);
    const failures = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as Error & { details?: unknown }] : []));
    expect(failures.map((f) => [f.name, f.details])).toEqual(
      Array(10).fill(['OutOfStockError', [{ field: 'items[1].quantity', message: 'only 0 left' }]]),
    );
    expect([await stockOf(ctx.db, roomy), await stockOf(ctx.db, scarce)]).toEqual([8, 0]);
  });
});

test('items whose ids are not one consecutive range still get their history rows and ids', async () => {
  const shopper = await fx.newShopper();
  const placed = await fx.order(shopper, [{ optionId: await fx.newOption(sellerId, { price: 60000 }), quantity: 1 }], 60000);
  const orderId: number = placed.json().id;
  const optionIds = [await fx.newOption(sellerId), await fx.newOption(sellerId)];
  const now = new Date();
  const ids = await ctx.db.transaction().execute(async (trx) => {
    // An auto-increment step of 3 (as on a multi-primary cluster) breaks the one-range shortcut.
    await sql`SET SESSION auto_increment_increment = 3`.execute(trx);
    try {
      const product = await trx.selectFrom('product_options').select('product_id').where('id', '=', optionIds[0]).executeTakeFirstOrThrow();
      return await insertItems(
        trx,
        optionIds.map((optionId, n) => ({
          order_id: orderId,
          item_no: `${placed.json().orderNo}-x${n}`,
          seller_id: sellerId,
          shopper_id: shopper.id,
          placed_at: now,
          product_id: product.product_id,
          option_id: optionId,
          product_name: 'p',
          product_code: 'c',
          option_color: 'c',
          option_size: 's',
          quantity: 1,
          unit_price: 1000,
          line_total: 1000,
          status: 'paid' as const,
          status_changed_at: now,
        })),
        shopper.id,
        now,
      );
    } finally {
      await sql`SET SESSION auto_increment_increment = 1`.execute(trx);
    }
  });
  expect(ids[1] - ids[0]).toBe(3);
  const rows = await ctx.db.selectFrom('order_items').select(['id', 'item_no']).where('id', 'in', ids).orderBy('id').execute();
  expect(rows.map((r) => r.item_no)).toEqual([`${placed.json().orderNo}-x0`, `${placed.json().orderNo}-x1`]);
  const history = await ctx.db.selectFrom('order_item_history').select('order_item_id').where('order_item_id', 'in', ids).execute();
  expect(history.map((h) => h.order_item_id).sort()).toEqual([...ids].sort());
});
