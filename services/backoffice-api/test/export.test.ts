import ExcelJS from 'exceljs';
import { sql } from '@brandi/db';
import { selectExportBatch } from '../src/routes/products/export/rows.js';
import { startTestApp, type TestContext } from './harness.js';
import { insertManyProducts } from './export.fixtures.js';
import { bearerFor, createAdmin, createProduct, createSeller } from './sellers.fixtures.js';

const NOW = new Date('2026-07-01T03:00:00.000Z');
const HEADER = [
  '등록일',
  '대표이미지',
  '상품명',
  '상품코드',
  '상품번호',
  '셀러속성',
  '셀러명',
  '판매가',
  '할인가',
  '판매여부',
  '진열여부',
  '할인여부',
];

let ctx: TestContext;
let admin: number;
let shop: number;
let brand: number;
let bulkSeller: number;
let emptySeller: number;
const p: Record<string, number> = {};

beforeAll(async () => {
  ctx = await startTestApp({ now: () => NOW });
  const { db } = ctx;
  admin = await createAdmin(db);
  shop = await createSeller(db, { nameKo: '엑셀샵', attributeId: 2 });
  brand = await createSeller(db, { nameKo: '엑셀브랜드', attributeId: 5 });
  bulkSeller = await createSeller(db, { nameKo: '대량셀러', attributeId: 1 });
  emptySeller = await createSeller(db, { nameKo: '빈셀러' });
  // 2026-06-01 00:30 KST = 2026-05-31 15:30 UTC
  p.discounted = await createProduct(
    db,
    shop,
    {
      name: '할인 자켓',
      price: 39900,
      discountRate: 15,
      discountStartsAt: new Date('2026-06-01T00:00:00Z'),
      discountEndsAt: null,
      isDisplayed: false,
    },
    new Date('2026-05-31T15:30:00.000Z'),
  );
  p.plain = await createProduct(db, shop, { name: '기본 티셔츠', price: 12000, isOnSale: false }, new Date('2026-06-10T01:00:00.000Z'));
  p.expired = await createProduct(
    db,
    shop,
    {
      name: '지난 할인',
      price: 20000,
      discountRate: 50,
      discountStartsAt: new Date('2026-01-01T00:00:00Z'),
      discountEndsAt: new Date('2026-02-01T00:00:00Z'),
    },
    new Date('2026-06-11T01:00:00.000Z'),
  );
  p.deleted = await createProduct(db, shop, { name: '삭제됨', deleted: true }, new Date('2026-06-12T01:00:00.000Z'));
  p.brand = await createProduct(db, brand, { name: '브랜드 코트', price: 150000 }, new Date('2026-06-05T01:00:00.000Z'));
  await insertManyProducts(db, bulkSeller, 10_000, new Date('2026-04-01T00:00:00.000Z'), 'BULK');
});
afterAll(() => ctx.close());

interface Sheet {
  header: unknown[];
  rows: unknown[][];
  worksheet: ExcelJS.Worksheet;
}

async function exportAs(id: number, role: 'seller' | 'admin', query = ''): Promise<Sheet> {
  const res = await ctx.app.inject({ method: 'GET', url: `/products/export${query}`, headers: await bearerFor(ctx.app, id, role) });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const worksheet = workbook.worksheets[0];
  const values: unknown[][] = [];
  worksheet.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
  return { header: values[0], rows: values.slice(1), worksheet };
}
const productIds = (sheet: Sheet) => sheet.rows.map((row) => row[4]);

test('the header row, the frozen pane, column widths and the attachment headers', async () => {
  const res = await ctx.app.inject({ method: 'GET', url: '/products/export', headers: await bearerFor(ctx.app, shop) });
  expect(res.headers['content-disposition']).toBe(
    `attachment; filename="products_20260701_1200.xlsx"; filename*=UTF-8''${encodeURIComponent('상품목록_20260701_1200.xlsx')}`,
  );
  const sheet = await exportAs(shop, 'seller');
  expect(sheet.header).toEqual(HEADER);
  expect(sheet.worksheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  expect(sheet.worksheet.getColumn(3).width).toBeGreaterThanOrEqual(30);
});

test("a seller's export: its live products newest first, cells as the DB holds them", async () => {
  const sheet = await exportAs(shop, 'seller');
  expect(productIds(sheet)).toEqual([p.expired, p.plain, p.discounted]);
  const row = await ctx.db.selectFrom('products').selectAll().where('id', '=', p.discounted).executeTakeFirstOrThrow();
  expect(sheet.rows[2]).toEqual([
    '2026-06-01 00:30',
    `${ctx.config.storage.publicUrl}/${row.main_image_key}`,
    '할인 자켓',
    row.code,
    p.discounted,
    '마켓',
    '엑셀샵',
    39900,
    33910,
    '판매',
    '미진열',
    '할인',
  ]);
  expect(sheet.rows[1].slice(7)).toEqual([12000, 12000, '미판매', '진열', '미할인']);
  expect(sheet.rows[0].slice(7)).toEqual([20000, 20000, '판매', '진열', '미할인']);
  expect(typeof sheet.rows[0][7]).toBe('number');
});

test('a seller never exports other sellers’ products: their ids are silently dropped', async () => {
  const sheet = await exportAs(shop, 'seller', `?ids=${p.plain},${p.brand},${p.deleted}`);
  expect(productIds(sheet)).toEqual([p.plain]);
  const other = await exportAs(shop, 'seller', `?sellerId=${brand}`);
  expect(other.rows).toEqual([]);
});

test('an admin exports anything; ids and filters combine', async () => {
  expect(productIds(await exportAs(admin, 'admin', `?ids=${p.brand},${p.plain}`))).toEqual([p.plain, p.brand]);
  expect(productIds(await exportAs(admin, 'admin', `?ids=${p.brand},${p.plain},${p.discounted}&onSale=true`))).toEqual([
    p.brand,
    p.discounted,
  ]);
  expect(productIds(await exportAs(admin, 'admin', '?discounted=true'))).toEqual([p.discounted]);
  expect(productIds(await exportAs(admin, 'admin', '?sellerName=%EC%97%91%EC%85%80&registeredFrom=2026-06-10'))).toEqual([
    p.expired,
    p.plain,
  ]);
  expect(productIds(await exportAs(admin, 'admin', `?sellerAttributeIds=5`))).toEqual([p.brand]);
});

test('an admin name search among 10k products: rare and absent words come through the name postings', async () => {
  const named = async (q: string) => (await exportAs(admin, 'admin', `?q=${encodeURIComponent(q)}`)).rows.map((row) => row[2]);
  expect(await named('코트')).toEqual(['브랜드 코트']);
  expect(await named('셔츠')).toEqual(['기본 티셔츠']);
  expect(await named('9999')).toEqual(['대량 상품 9999']);
  expect(await named('없는말')).toEqual([]);
  expect(await named('지난 할인')).toEqual(['지난 할인']);
});

test('a 0-row export is a valid workbook with only the header', async () => {
  const sheet = await exportAs(emptySeller, 'seller');
  expect(sheet.header).toEqual(HEADER);
  expect(sheet.rows).toEqual([]);
});

test('a 10k-row export has every row, in order', async () => {
  const sheet = await exportAs(bulkSeller, 'seller');
  expect(sheet.rows).toHaveLength(10_000);
  expect(sheet.rows[0].slice(2, 4)).toEqual(['대량 상품 9999', 'BULK00009999']);
  expect(sheet.rows[9999].slice(2, 4)).toEqual(['대량 상품 0', 'BULK00000000']);
  const ids = productIds(sheet) as number[];
  expect(new Set(ids).size).toBe(10_000);
});

test('bad ids or filters are a 400 JSON error, no token a 401', async () => {
  const headers = await bearerFor(ctx.app, shop);
  for (const query of ['?ids=1,x', '?ids=0', '?page=1', '?onSale=maybe']) {
    const res = await ctx.app.inject({ method: 'GET', url: `/products/export${query}`, headers });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  }
  expect((await ctx.app.inject({ method: 'GET', url: '/products/export' })).statusCode).toBe(401);
});

test('the OpenAPI document declares the xlsx body', async () => {
  const doc = (await ctx.app.inject({ method: 'GET', url: '/docs/json' })).json();
  const ok = doc.paths['/products/export'].get.responses['200'];
  expect(ok.content['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'].schema).toMatchObject({
    type: 'string',
    format: 'binary',
  });
});

test('a batch deep into the export reads about a batch of index entries, not everything before it', async () => {
  const adminActor = { id: admin, role: 'admin' as const, status: 'active' as const, attributeId: null, nameKo: 'admin' };
  const sellerActor = { id: bulkSeller, role: 'seller' as const, status: 'active' as const, attributeId: 1, nameKo: '대량셀러' };
  for (const actor of [adminActor, sellerActor]) {
    const order = await ctx.db
      .selectFrom('products')
      .select(['id', 'created_at'])
      .where('seller_id', '=', bulkSeller)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .offset(8_000)
      .limit(1)
      .executeTakeFirstOrThrow();
    const reads = await ctx.db.connection().execute(async (conn) => {
      await sql`FLUSH STATUS`.execute(conn);
      const rows = await selectExportBatch(conn, { actor, filters: {}, now: NOW }, { createdAt: order.created_at, id: order.id }, 500);
      expect(rows).toHaveLength(500);
      const status = await sql<{ Variable_name: string; Value: string }>`SHOW SESSION STATUS LIKE 'Handler_read_%'`.execute(conn);
      const value = (name: string) => Number(status.rows.find((r) => r.Variable_name === name)?.Value ?? 0);
      return value('Handler_read_next') + value('Handler_read_prev');
    });
    // Reading down from the top of the index to the cursor costs ~8,000 entries per batch.
    expect(reads).toBeLessThan(1_500);
  }
});
