import { startTestApp, type TestContext } from './harness.js';
import { createItemsInStatuses, createOrder } from './orders.fixtures.js';
import { bearerFor, createAdmin, createProduct, createSeller, createShopper } from './sellers.fixtures.js';

// The desk's reads: scope (a seller sees its own products' items only, someone else's is 404; an admin sees
// all), every list filter, the exact total, the tabs from the counters, and one item's detail with history.

let ctx: TestContext;
let mine: Record<string, string>;
let other: Record<string, string>;
let admin: Record<string, string>;
let sellerA: number;
let sellerB: number;
let itemsA: number[];
let itemsB: number[];
let named: { orderNo: string; itemIds: number[] };

const DAY = 24 * 3600 * 1000;
// 2026-06-10 09:00 KST
const PLACED = new Date('2026-06-10T00:00:00.000Z');

beforeAll(async () => {
  ctx = await startTestApp();
  const { db } = ctx;
  sellerA = await createSeller(db, { nameKo: '데스크가게', nameEn: 'Desk Shop' });
  sellerB = await createSeller(db, { nameKo: '다른가게', nameEn: 'Other Shop' });
  const shopper = await createShopper(db);
  const productA = await createProduct(db, sellerA, { name: '린넨 셔츠' });
  const productB = await createProduct(db, sellerB, { name: '울 코트' });
  const all = ['paid', 'preparing', 'shipping', 'delivered', 'confirmed', 'cancelled', 'refund_requested', 'refunded'] as const;
  itemsA = await createItemsInStatuses(db, {
    shopperId: shopper,
    sellerId: sellerA,
    productId: productA,
    statuses: [...all],
    placedAt: PLACED,
    productName: '린넨 셔츠',
  });
  itemsB = await createItemsInStatuses(db, { shopperId: shopper, sellerId: sellerB, productId: productB, statuses: ['paid', 'paid'] });
  named = await createOrder(db, {
    shopperId: shopper,
    placedAt: new Date(PLACED.getTime() - 5 * DAY),
    orderer: { name: '박서준', phone: '010-7777-1234', email: 'seojun@example.com' },
    items: [
      { sellerId: sellerA, productId: productA, productName: '린넨 셔츠', color: 'white', size: 'L', quantity: 2, unitPrice: 15000 },
      { sellerId: sellerB, productId: productB, productName: '울 코트' },
    ],
  });
  mine = await bearerFor(ctx.app, sellerA);
  other = await bearerFor(ctx.app, sellerB);
  admin = await bearerFor(ctx.app, await createAdmin(db), 'admin');
});
afterAll(() => ctx.close());

const get = (url: string, headers: Record<string, string>) => ctx.app.inject({ method: 'GET', url, headers });
const ids = (body: { items: { id: number }[] }) => body.items.map((i) => i.id);

test('a seller lists only its own products’ items, newest first with an exact total; an admin lists all', async () => {
  const res = await get('/orders?limit=100', mine);
  expect(res.statusCode).toBe(200);
  const body = res.json();
  expect(body.total).toBe(9);
  expect(ids(body).sort()).toEqual([...itemsA, named.itemIds[0]].sort());
  const placed = body.items.map((i: { placedAt: string }) => i.placedAt);
  expect(placed).toEqual([...placed].sort().reverse());
  const all = (await get('/orders?limit=100', admin)).json();
  expect(all.total).toBe(12);
  expect(ids(all)).toEqual(expect.arrayContaining([...itemsB, ...named.itemIds]));
  const theirs = (await get('/orders?limit=100', other)).json();
  expect(ids(theirs).sort()).toEqual([...itemsB, named.itemIds[1]].sort());
});

test('a list item carries what the desk shows', async () => {
  const body = (await get(`/orders?searchField=orderNo&q=${named.orderNo}`, mine)).json();
  expect(body.items).toEqual([
    expect.objectContaining({
      id: named.itemIds[0],
      itemNo: `${named.orderNo}-1`,
      orderNo: named.orderNo,
      status: 'paid',
      product: expect.objectContaining({ name: '린넨 셔츠' }),
      option: { color: 'white', size: 'L' },
      quantity: 2,
      unitPrice: 15000,
      lineTotal: 30000,
      orderer: { name: '박서준', phone: '010-7777-1234' },
      seller: { id: sellerA, nameKo: '데스크가게' },
      carrier: null,
      trackingNo: null,
      cancel: null,
      refund: null,
    }),
  ]);
});

test('status, date and search filters combine, and each total is exact', async () => {
  const cases: [string, number][] = [
    ['status=paid', 2],
    ['status=paid,preparing,shipping', 4],
    ['status=refund_requested', 1],
    ['from=2026-06-10&to=2026-06-10', 8],
    ['from=2026-06-05&to=2026-06-05', 1],
    ['from=2026-06-11', 0],
    ['dateField=status&from=2026-06-10&to=2026-06-10&status=delivered', 1],
    [`searchField=orderNo&q=${named.orderNo.slice(0, 8)}`, 1],
    [`searchField=itemNo&q=${named.orderNo}-1`, 1],
    ['searchField=ordererPhone&q=010-7777', 1],
    ['searchField=ordererPhone&q=0107777-1234', 1],
    ['searchField=ordererName&q=서준', 1],
    ['searchField=productName&q=셔츠', 9],
    ['searchField=productName&q=셔츠&status=paid', 2],
    ['searchField=productName&q=코트', 0],
  ];
  for (const [query, total] of cases) {
    const body = (await get(`/orders?${query}&limit=100`, mine)).json();
    expect([query, body.total]).toEqual([query, total]);
    expect([query, body.items.length]).toEqual([query, total]);
  }
});

test('an admin narrows by seller id or seller name; a seller cannot widen its scope with sellerId', async () => {
  expect((await get(`/orders?sellerId=${sellerB}`, admin)).json().total).toBe(3);
  expect((await get('/orders?searchField=sellerName&q=다른', admin)).json().total).toBe(3);
  expect((await get('/orders?searchField=sellerName&q=other shop', admin)).json().total).toBe(3);
  expect((await get(`/orders?sellerId=${sellerB}`, mine)).json().total).toBe(0);
  expect((await get(`/orders?sellerId=${sellerB}&status=paid`, admin)).json().total).toBe(3);
});

test('oldest first, paging and the 10,000-row window', async () => {
  const oldest = (await get('/orders?sort=oldest&limit=2', mine)).json();
  expect(oldest.items[0].id).toBe(named.itemIds[0]);
  const page2 = (await get('/orders?limit=4&page=2', mine)).json();
  const first8 = ids((await get('/orders?limit=8', mine)).json());
  expect(ids(page2)).toEqual(first8.slice(4, 8));
  expect((await get('/orders?limit=100&page=101', mine)).statusCode).toBe(400);
});

test('bad searches are 400 naming the field; unknown parameters are 400', async () => {
  for (const query of ['searchField=orderNo&q=2026', 'searchField=ordererPhone&q=010', 'searchField=ordererPhone&q=abcdefgh', 'q=x']) {
    const res = await get(`/orders?${query}`, mine);
    expect([query, res.statusCode]).toEqual([query, 400]);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  }
  expect((await get('/orders?status=lost', mine)).statusCode).toBe(400);
  expect((await get('/orders?stauts=paid', mine)).statusCode).toBe(400);
});

test('the summary counts each tab in scope from the counters', async () => {
  const one = { paid: 1, preparing: 1, shipping: 1, delivered: 1, confirmed: 1, cancelled: 1, refundRequested: 1, refunded: 1 };
  expect((await get('/orders/summary', mine)).json()).toEqual({ ...one, paid: 2 });
  expect((await get('/orders/summary', other)).json()).toEqual({ ...Object.fromEntries(Object.keys(one).map((k) => [k, 0])), paid: 3 });
  expect((await get('/orders/summary', admin)).json()).toEqual({ ...one, paid: 5 });
});

test('an item in detail: shipping address, orderer with email, memo and history newest first; others’ items are 404', async () => {
  const res = await get(`/orders/items/${itemsA[2]}`, mine);
  expect(res.statusCode).toBe(200);
  const detail = res.json();
  expect(detail).toEqual(
    expect.objectContaining({
      id: itemsA[2],
      status: 'shipping',
      carrier: { id: 1, name: 'CJ대한통운' },
      orderer: { name: '김주문', phone: '010-1234-5678', email: 'orderer@example.com' },
      shipping: { recipient: '받는이', phone: '010-9999-0000', zipCode: '06000', address1: '서울시 강남구 테헤란로 1', address2: '101호' },
      shippingMemo: '문 앞에 놓아 주세요',
    }),
  );
  expect(detail.history.map((h: { status: string }) => h.status)).toEqual(['shipping', 'paid']);
  expect(detail.history[0].validTo).toBeNull();
  expect(detail.history[1].validTo).toBe(detail.history[0].validFrom);
  expect(detail.history[1].changedBy).toEqual({ id: expect.any(Number), role: 'shopper', name: 'Shopper' });
  expect((await get(`/orders/items/${itemsA[2]}`, other)).statusCode).toBe(404);
  expect((await get(`/orders/items/${itemsA[2]}`, admin)).statusCode).toBe(200);
  expect((await get('/orders/items/999999', admin)).statusCode).toBe(404);
  const cancelled = (await get(`/orders/items/${itemsA[5]}`, mine)).json();
  expect(cancelled.cancel).toEqual({ reason: '구매자취소' });
  expect(cancelled.history[0].reason).toBe('구매자취소');
  const refund = (await get(`/orders/items/${itemsA[6]}`, mine)).json();
  expect(refund.refund).toEqual({ reason: '상품불량', detail: null, amount: 10000 });
});

test('carriers are listed; every desk route needs a token', async () => {
  expect((await get('/carriers', mine)).json()).toEqual([
    { id: 1, name: 'CJ대한통운' },
    { id: 2, name: '한진택배' },
    { id: 3, name: '롯데택배' },
    { id: 4, name: '우체국택배' },
    { id: 5, name: '로젠택배' },
    { id: 6, name: '경동택배' },
  ]);
  for (const url of ['/orders', '/orders/summary', `/orders/items/${itemsA[0]}`, '/orders/export', '/carriers']) {
    expect((await ctx.app.inject({ method: 'GET', url })).statusCode).toBe(401);
  }
});
