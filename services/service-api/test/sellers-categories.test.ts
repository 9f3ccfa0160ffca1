import { CATEGORY, createProduct, createSeller } from '@brandi/db/testing';
import { startTestApp, type TestContext } from './harness.js';

let ctx: TestContext;
const sellers: Record<string, number> = {};

beforeAll(async () => {
  ctx = await startTestApp();
  const { db } = ctx;
  const day = (d: number) => new Date(Date.UTC(2026, 0, d));
  sellers.mall = await createSeller(db, { attributeId: 1, nameKo: '나나몰', nameEn: 'Nana Mall', salesCount: 30, createdAt: day(1) });
  sellers.market = await createSeller(db, { attributeId: 2, nameKo: '가나마켓', nameEn: 'Gana Market', salesCount: 10, createdAt: day(3) });
  sellers.brand = await createSeller(db, { attributeId: 4, nameKo: '다온100%', nameEn: 'Daon', salesCount: 50, createdAt: day(2) });
  sellers.beauty = await createSeller(db, { attributeId: 7, nameKo: '라라뷰티', nameEn: 'Lala Beauty', salesCount: 0, createdAt: day(4) });
  sellers.paused = await createSeller(db, { attributeId: 1, status: 'paused', nameKo: '휴점몰', salesCount: 99 });
  sellers.pending = await createSeller(db, { attributeId: 1, status: 'pending', nameKo: '대기몰', salesCount: 98 });
  await createProduct(db, sellers.mall);
  await createProduct(db, sellers.mall);
  await createProduct(db, sellers.mall, { isDisplayed: false });
  await createProduct(db, sellers.mall, { deleted: true });
  await createProduct(db, sellers.brand, { category: CATEGORY.brand });
});
afterAll(() => ctx.close());

const names = async (query: string) => {
  const res = await ctx.app.inject({ method: 'GET', url: `/sellers?${query}` });
  expect(res.statusCode).toBe(200);
  return res.json().items.map((s: { name: string }) => s.name);
};

describe('GET /sellers', () => {
  test('active sellers only, sorted by sales by default; zero-product sellers listed', async () => {
    expect(await names('')).toEqual(['다온100%', '나나몰', '가나마켓', '라라뷰티']);
  });

  test.each([
    ['sort=newest', ['라라뷰티', '가나마켓', '다온100%', '나나몰']],
    ['sort=name', ['가나마켓', '나나몰', '다온100%', '라라뷰티']],
    ['group=shop', ['나나몰', '가나마켓']],
    ['group=brand', ['다온100%']],
    ['group=beauty', ['라라뷰티']],
    ['q=mall', ['나나몰']],
    ['q=%25', ['다온100%']],
    ['q=몰', ['나나몰']],
  ])('%s', async (query, expected) => {
    expect(await names(query)).toEqual(expected);
  });

  test('items: exact fields; productCount counts visible products only; offset paging with total', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/sellers?group=shop&limit=1&page=1' });
    expect(res.json()).toEqual({
      items: [
        {
          id: sellers.mall,
          name: '나나몰',
          nameEn: 'Nana Mall',
          imageUrl: expect.any(String),
          attribute: { id: 1, name: '쇼핑몰' },
          productCount: 2,
          salesCount: 30,
        },
      ],
      page: 1,
      limit: 1,
      total: 2,
    });
    expect((await ctx.app.inject({ method: 'GET', url: '/sellers?group=shop&limit=1&page=2' })).json().items[0].name).toBe('가나마켓');
  });
});

describe('GET /sellers/:id', () => {
  test('an active seller with its description and site', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: `/sellers/${sellers.brand}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      id: sellers.brand,
      name: '다온100%',
      nameEn: 'Daon',
      imageUrl: expect.any(String),
      attribute: { id: 4, name: '디자이너브랜드' },
      productCount: 1,
      salesCount: 50,
      simpleDescription: expect.any(String),
      siteUrl: expect.stringMatching(/^https:\/\//),
    });
  });

  test.each(['paused', 'pending'])('a %s seller is 404', async (which) => {
    expect((await ctx.app.inject({ method: 'GET', url: `/sellers/${sellers[which]}` })).statusCode).toBe(404);
  });

  test('an unknown seller is 404', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/sellers/999999' })).statusCode).toBe(404);
  });
});

describe('GET /categories', () => {
  test('the full tree ordered by id, with an ETag; a matching If-None-Match is 304', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/categories' });
    expect(res.statusCode).toBe(200);
    const tree = res.json();
    expect(tree.map((m: { id: number; group: string }) => [m.id, m.group])).toEqual([
      [4, 'shop'],
      [5, 'brand'],
      [6, 'beauty'],
    ]);
    expect(tree[0].children[0]).toEqual({
      id: 1,
      name: expect.any(String),
      children: expect.arrayContaining([{ id: 1, name: expect.any(String) }]),
    });
    const firstIds = tree.flatMap((m: { children: { id: number }[] }) => m.children.map((f) => f.id));
    expect(firstIds).toEqual([...firstIds].sort((a, b) => a - b));
    expect(tree.flatMap((m: { children: { children: unknown[] }[] }) => m.children.flatMap((f) => f.children))).toHaveLength(138);

    const etag = res.headers.etag as string;
    expect(etag).toMatch(/^".+"$/);
    const cached = await ctx.app.inject({ method: 'GET', url: '/categories', headers: { 'if-none-match': etag } });
    expect(cached.statusCode).toBe(304);
    expect(cached.body).toBe('');
    const stale = await ctx.app.inject({ method: 'GET', url: '/categories', headers: { 'if-none-match': '"other"' } });
    expect(stale.statusCode).toBe(200);
  });
});
