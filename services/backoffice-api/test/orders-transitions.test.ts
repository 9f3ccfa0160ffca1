import type { OrderItemStatus } from '@brandi/db';
import { ORDER_ITEM_MOVES, ORDER_ITEM_STATUSES } from '@brandi/orders';
import { startTestApp, type TestContext } from './harness.js';
import { createItemsInStatuses, firstOptionOf } from './orders.fixtures.js';
import { bearerFor, createAdmin, createProduct, createSeller, createShopper } from './sellers.fixtures.js';

// Moves through the desk: every legal move of the table (seller and admin), every illegal one (nothing changes),
// what a whole request needs, partial bulk results, foreign items, inactive sellers, stock and history.

let ctx: TestContext;
let seller: number;
let shopper: number;
let product: number;
let sellerAuth: Record<string, string>;
let adminAuth: Record<string, string>;
let otherAuth: Record<string, string>;

beforeAll(async () => {
  ctx = await startTestApp();
  seller = await createSeller(ctx.db, { nameKo: '이동가게' });
  shopper = await createShopper(ctx.db);
  product = await createProduct(ctx.db, seller, { options: [{ color: 'black', size: 'M', stock: 5 }] });
  sellerAuth = await bearerFor(ctx.app, seller);
  adminAuth = await bearerFor(ctx.app, await createAdmin(ctx.db), 'admin');
  otherAuth = await bearerFor(ctx.app, await createSeller(ctx.db));
});
afterAll(() => ctx.close());

const items = (statuses: OrderItemStatus[]) =>
  createItemsInStatuses(ctx.db, { shopperId: shopper, sellerId: seller, productId: product, statuses });
const NEEDS = { carrierId: 2, trackingNo: '5555-6666', reasonId: 3, rejectReason: '사용 흔적이 있습니다' };
const move = (itemIds: number[], body: Record<string, unknown>, headers = sellerAuth) =>
  ctx.app.inject({ method: 'POST', url: '/orders/items/transition', headers, payload: { itemIds, ...body } });
const statusOf = async (id: number) =>
  (await ctx.db.selectFrom('order_items').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
const detail = async (id: number) => (await ctx.app.inject({ method: 'GET', url: `/orders/items/${id}`, headers: sellerAuth })).json();

const deskMoves = ORDER_ITEM_MOVES.filter((m) => m.by.includes('seller'));
const deskTargets = [...new Set(deskMoves.map((m) => m.to))];

test.each(deskMoves.map((m) => [m.from, m.to]))('%s → %s by a seller and by an admin, with the history line', async (from, to) => {
  for (const [headers, role] of [
    [sellerAuth, 'seller'],
    [adminAuth, 'admin'],
  ] as const) {
    const [id] = await items([from]);
    const res = await move([id], { to, ...NEEDS }, headers);
    expect(res.statusCode).toBe(200);
    expect(res.json().results).toEqual([{ itemId: id, ok: true, status: to }]);
    const { history } = await detail(id);
    expect(history[0]).toEqual(expect.objectContaining({ status: to, validTo: null }));
    expect(history[0].changedBy).toEqual(expect.objectContaining({ role }));
    if (role === 'seller') expect(history[0].changedBy).toEqual({ id: seller, role, name: '이동가게' });
    expect(history[1].validTo).toBe(history[0].validFrom);
  }
});

test('every other move is ILLEGAL_TRANSITION and changes nothing', async () => {
  for (const from of ORDER_ITEM_STATUSES) {
    for (const to of deskTargets) {
      if (deskMoves.some((m) => m.from === from && m.to === to)) continue;
      const [id] = await items([from]);
      const res = await move([id], { to, ...NEEDS });
      expect([from, to, res.json().results[0]]).toEqual([
        from,
        to,
        { itemId: id, ok: false, error: { code: 'ILLEGAL_TRANSITION', message: expect.any(String) } },
      ]);
      expect(await statusOf(id)).toBe(from);
    }
  }
});

test('a bulk request reports each item: moved, illegal, someone else’s and unknown ids alike', async () => {
  const [a, b, c] = await items(['paid', 'shipping', 'paid']);
  const foreignSeller = await createSeller(ctx.db);
  const foreignProduct = await createProduct(ctx.db, foreignSeller);
  const [foreign] = await createItemsInStatuses(ctx.db, {
    shopperId: shopper,
    sellerId: foreignSeller,
    productId: foreignProduct,
    statuses: ['paid'],
  });
  const res = await move([a, b, foreign, 99999999, c], { to: 'preparing' });
  expect(res.statusCode).toBe(200);
  expect(res.json().results).toEqual([
    { itemId: a, ok: true, status: 'preparing' },
    { itemId: b, ok: false, error: { code: 'ILLEGAL_TRANSITION', message: expect.any(String) } },
    { itemId: foreign, ok: false, error: { code: 'NOT_FOUND', message: 'Order item not found' } },
    { itemId: 99999999, ok: false, error: { code: 'NOT_FOUND', message: 'Order item not found' } },
    { itemId: c, ok: true, status: 'preparing' },
  ]);
  expect(await statusOf(foreign)).toBe('paid');
  expect((await move([foreign], { to: 'preparing' }, adminAuth)).json().results[0].ok).toBe(true);
});

test('a field the target needs is missing: 400 for the whole request, nothing moves', async () => {
  const [paid, preparing, refund] = await items(['paid', 'preparing', 'refund_requested']);
  const cases: [number[], Record<string, unknown>, string][] = [
    [[preparing], { to: 'shipping', trackingNo: '1' }, 'carrierId'],
    [[preparing], { to: 'shipping', carrierId: 1 }, 'trackingNo'],
    [[paid, preparing], { to: 'cancelled' }, 'reasonId'],
    [[paid, refund], { to: 'delivered' }, 'rejectReason'],
    [[preparing], { to: 'shipping', carrierId: 99, trackingNo: '1' }, 'carrierId'],
    [[paid], { to: 'cancelled', reasonId: 99 }, 'reasonId'],
  ];
  for (const [ids, body, field] of cases) {
    const res = await move(ids, body);
    expect([field, res.statusCode]).toEqual([field, 400]);
    expect(res.json().error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  }
  expect([await statusOf(paid), await statusOf(preparing), await statusOf(refund)]).toEqual(['paid', 'preparing', 'refund_requested']);
  for (const itemIds of [[], Array.from({ length: 101 }, (_, i) => i + 1)])
    expect((await move(itemIds, { to: 'preparing' })).statusCode).toBe(400);
});

test('pending, paused and closing sellers read orders but cannot move them', async () => {
  for (const status of ['pending', 'paused', 'closing'] as const) {
    const inactive = await createSeller(ctx.db, { status });
    const inactiveProduct = await createProduct(ctx.db, inactive);
    const [id] = await createItemsInStatuses(ctx.db, {
      shopperId: shopper,
      sellerId: inactive,
      productId: inactiveProduct,
      statuses: ['shipping'],
    });
    const headers = await bearerFor(ctx.app, inactive);
    expect((await move([id], { to: 'delivered' }, headers)).statusCode).toBe(403);
    const patch = await ctx.app.inject({
      method: 'PATCH',
      url: `/orders/items/${id}/shipping`,
      headers,
      payload: { carrierId: 1, trackingNo: '1' },
    });
    expect(patch.statusCode).toBe(403);
    expect((await ctx.app.inject({ method: 'GET', url: `/orders/items/${id}`, headers })).statusCode).toBe(200);
    expect(await statusOf(id)).toBe('shipping');
  }
});

test('a seller’s cancel puts the stock back and takes the units out of the sales counts', async () => {
  const option = await firstOptionOf(ctx.db, product);
  const stock = async () =>
    (await ctx.db.selectFrom('product_options').select('stock').where('id', '=', option).executeTakeFirstOrThrow()).stock;
  const before = await stock();
  const [id] = await items(['preparing']);
  expect((await move([id], { to: 'cancelled', reasonId: 3 })).json().results[0].ok).toBe(true);
  expect(await stock()).toBe((before ?? 0) + 1);
  expect((await detail(id)).cancel).toEqual({ reason: '상품품절' });
});

test('a full life on the desk: history newest first, contiguous, who and why', async () => {
  const [id] = await items(['paid']);
  for (const body of [{ to: 'preparing' }, { to: 'shipping', carrierId: 1, trackingNo: '1111' }, { to: 'delivered' }])
    expect((await move([id], body)).json().results[0].ok).toBe(true);
  const { history } = await detail(id);
  expect(history.map((h: { status: string }) => h.status)).toEqual(['delivered', 'shipping', 'preparing', 'paid']);
  for (let k = 1; k < history.length; k++) expect(history[k].validTo).toBe(history[k - 1].validFrom);
  expect(history[3].changedBy.role).toBe('shopper');
});

test('shipping corrections: only while shipping, owner or admin, kept in the history', async () => {
  const [shipping, delivered] = await items(['shipping', 'delivered']);
  const patch = (
    id: number,
    headers: Record<string, string>,
    payload: Record<string, unknown> = { carrierId: 3, trackingNo: '7777-8888' },
  ) => ctx.app.inject({ method: 'PATCH', url: `/orders/items/${id}/shipping`, headers, payload });
  const res = await patch(shipping, sellerAuth);
  expect(res.statusCode).toBe(200);
  expect(res.json()).toEqual(
    expect.objectContaining({ status: 'shipping', carrier: { id: 3, name: '롯데택배' }, trackingNo: '7777-8888' }),
  );
  const [latest, previous] = res.json().history;
  expect(latest).toEqual(
    expect.objectContaining({ status: 'shipping', validTo: null, reason: '송장 수정: CJ대한통운 123456789012 → 롯데택배 7777-8888' }),
  );
  expect(previous.validTo).toBe(latest.validFrom);
  expect((await patch(delivered, sellerAuth)).statusCode).toBe(409);
  expect((await patch(shipping, otherAuth)).statusCode).toBe(404);
  expect((await patch(shipping, adminAuth)).statusCode).toBe(200);
  expect((await patch(shipping, sellerAuth, { carrierId: 42, trackingNo: '1' })).statusCode).toBe(400);
});

test('100 items in one call, each in its own transaction', async () => {
  const ids = await items(Array.from({ length: 100 }, () => 'paid' as const));
  const started = performance.now();
  const res = await move(ids, { to: 'preparing' });
  const ms = performance.now() - started;
  expect(res.json().results.every((r: { ok: boolean }) => r.ok)).toBe(true);
  // Well under a second on an idle machine (bench:orders measures it); generous here for a loaded CI box.
  expect(ms).toBeLessThan(5000);
  const summary = (await ctx.app.inject({ method: 'GET', url: '/orders/summary', headers: sellerAuth })).json();
  const counted = await ctx.db
    .selectFrom('order_items')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('seller_id', '=', seller)
    .where('status', '=', 'preparing')
    .executeTakeFirstOrThrow();
  expect(summary.preparing).toBe(Number(counted.n));
});
