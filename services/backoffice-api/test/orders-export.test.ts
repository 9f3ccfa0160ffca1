import ExcelJS from 'exceljs';
import { startTestApp, type TestContext } from './harness.js';
import { createItemsInStatuses, createOrder } from './orders.fixtures.js';
import { bearerFor, createAdmin, createProduct, createSeller, createShopper } from './sellers.fixtures.js';

// GET /orders/export, read back with exceljs: API.md's 12 Korean columns, KST minutes, `color / size`, the line
// total, the Korean status label; the list's filters and scope, or ids=.

const NOW = new Date('2026-07-01T03:00:00.000Z');
const HEADER = [
  '결제일자',
  '주문번호',
  '주문상세번호',
  '상품명',
  '옵션정보',
  '수량',
  '주문자명',
  '핸드폰번호',
  '결제금액',
  '주문상태',
  '택배사',
  '송장번호',
];

let ctx: TestContext;
let seller: number;
let mine: Record<string, string>;
let other: Record<string, string>;
let admin: Record<string, string>;
let order: { orderNo: string; itemIds: number[] };
let bulk: number[];

beforeAll(async () => {
  ctx = await startTestApp({ now: () => NOW });
  seller = await createSeller(ctx.db);
  const otherSeller = await createSeller(ctx.db);
  const shopper = await createShopper(ctx.db);
  const product = await createProduct(ctx.db, seller);
  const otherProduct = await createProduct(ctx.db, otherSeller);
  // 2026-06-01 00:30 KST
  order = await createOrder(ctx.db, {
    shopperId: shopper,
    placedAt: new Date('2026-05-31T15:30:00.000Z'),
    orderer: { name: '엑셀주문', phone: '010-2222-3333' },
    items: [
      {
        sellerId: seller,
        productId: product,
        productName: '<린넨> & 셔츠',
        color: '화이트',
        size: 'L',
        quantity: 3,
        unitPrice: 12000,
        status: 'shipping',
        trackingNo: '9876',
      },
      { sellerId: otherSeller, productId: otherProduct, productName: '남의 상품' },
    ],
  });
  bulk = await createItemsInStatuses(ctx.db, {
    shopperId: shopper,
    sellerId: seller,
    productId: product,
    statuses: Array.from({ length: 620 }, (_, i) => (i % 2 ? 'paid' : 'confirmed')),
    placedAt: new Date('2026-06-20T00:00:00.000Z'),
  });
  mine = await bearerFor(ctx.app, seller);
  other = await bearerFor(ctx.app, otherSeller);
  admin = await bearerFor(ctx.app, await createAdmin(ctx.db), 'admin');
}, 120_000);
afterAll(() => ctx.close());

async function exportRows(query: string, headers: Record<string, string>) {
  const res = await ctx.app.inject({ method: 'GET', url: `/orders/export${query}`, headers });
  expect(res.statusCode).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return { res, rows };
}

test('the 12 columns, one row per item, values as API.md describes', async () => {
  const { res, rows } = await exportRows(`?searchField=orderNo&q=${order.orderNo}`, mine);
  expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  expect(res.headers['content-disposition']).toBe(
    `attachment; filename="orders_20260701_1200.xlsx"; filename*=UTF-8''${encodeURIComponent('주문목록_20260701_1200.xlsx')}`,
  );
  expect(rows).toEqual([
    HEADER,
    [
      '2026-06-01 00:30',
      order.orderNo,
      `${order.orderNo}-1`,
      '<린넨> & 셔츠',
      '화이트 / L',
      3,
      '엑셀주문',
      '010-2222-3333',
      36000,
      '배송중',
      'CJ대한통운',
      '9876',
    ],
  ]);
});

test('scope and filters as the list: a seller its own items, an admin all; status and ids narrow', async () => {
  expect((await exportRows('', mine)).rows).toHaveLength(1 + 1 + bulk.length);
  expect((await exportRows('', other)).rows).toHaveLength(2);
  expect((await exportRows('', admin)).rows).toHaveLength(1 + 2 + bulk.length);
  const paid = (await exportRows('?status=paid', mine)).rows.slice(1);
  expect(paid).toHaveLength(310);
  expect(new Set(paid.map((r) => r[9]))).toEqual(new Set(['결제완료']));
  const picked = (await exportRows(`?ids=${bulk[0]},${bulk[1]},${order.itemIds[1]}`, mine)).rows.slice(1);
  expect(picked.map((r) => r[2]).sort()).toHaveLength(2);
  expect((await exportRows(`?ids=${order.itemIds[1]}`, admin)).rows).toHaveLength(2);
});

test.each([
  ['a status list', '?status=paid,confirmed'],
  ['a product-name search (read off the name postings)', '?searchField=productName&q=%EC%83%81'],
])('newest first across batch boundaries, every item once: %s', async (_name, query) => {
  const { rows } = await exportRows(query, mine);
  const itemNos = rows.slice(1).map((r) => String(r[2]));
  expect(new Set(itemNos).size).toBe(bulk.length);
  const ids = await ctx.db
    .selectFrom('order_items')
    .select(['item_no'])
    .where('id', 'in', bulk)
    .orderBy('placed_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  expect(itemNos).toEqual(ids.map((r) => r.item_no));
});

test('a bad filter is a JSON 400 before any byte of the workbook', async () => {
  const res = await ctx.app.inject({ method: 'GET', url: '/orders/export?searchField=ordererPhone&q=01', headers: mine });
  expect(res.statusCode).toBe(400);
  expect(res.json().error.code).toBe('VALIDATION_FAILED');
});
