import { startTestApp, type TestContext } from './harness.js';
import { bearerFor, createAdmin, createProduct, createSeller } from './sellers.fixtures.js';

const NOW = new Date('2026-11-26T00:00:00.000Z');

let ctx: TestContext;
let admin: Record<string, string>;
let alphaAuth: Record<string, string>;
const ids: Record<string, number> = {};
const sellers: Record<string, number> = {};

beforeAll(async () => {
  ctx = await startTestApp({ now: () => NOW });
  sellers.alpha = await createSeller(ctx.db, { attributeId: 1, nameKo: '알파상점', nameEn: 'Alpha Shop' });
  sellers.beta = await createSeller(ctx.db, { attributeId: 4, nameKo: '베타브랜드', nameEn: 'Beta_Brand' });
  sellers.gamma = await createSeller(ctx.db, { attributeId: 7, nameKo: '감마뷰티', nameEn: 'Gamma Beauty' });
  const at = (iso: string) => new Date(iso);
  // Registration instants straddle KST midnights: 2026-11-24T15:00Z is 2026-11-25 00:00 in Seoul.
  ids.p1 = await createProduct(ctx.db, sellers.alpha, { name: '린넨 셔츠' }, at('2026-11-24T14:59:59.999Z'));
  ids.p2 = await createProduct(
    ctx.db,
    sellers.alpha,
    { name: '100% 면 티', isOnSale: false, price: 12340, discountRate: 10 },
    at('2026-11-24T15:00:00.000Z'),
  );
  ids.p3 = await createProduct(
    ctx.db,
    sellers.beta,
    { name: '셔츠 드레스', isDisplayed: false, discountRate: 20, discountEndsAt: at('2026-11-01T00:00:00Z') },
    at('2026-11-25T14:59:59.999Z'),
  );
  ids.p4 = await createProduct(
    ctx.db,
    sellers.beta,
    { name: 'under_score', discountRate: 30, discountStartsAt: at('2027-01-01T00:00:00Z') },
    at('2026-11-25T15:00:00.000Z'),
  );
  ids.p5 = await createProduct(ctx.db, sellers.gamma, { name: '립스틱', deleted: true }, at('2026-11-20T00:00:00Z'));
  ids.p6 = await createProduct(ctx.db, sellers.gamma, { name: '쿠션' }, at('2026-11-21T00:00:00Z'));
  admin = await bearerFor(ctx.app, await createAdmin(ctx.db), 'admin');
  alphaAuth = await bearerFor(ctx.app, sellers.alpha);
});
afterAll(() => ctx.close());

const list = (query: string, headers = admin) => ctx.app.inject({ method: 'GET', url: `/products${query}`, headers });
async function names(query: string, headers = admin): Promise<string[]> {
  const res = await list(query, headers);
  expect(res.statusCode).toBe(200);
  const body = res.json();
  expect(body.total).toBe(body.items.length);
  const byId = Object.fromEntries(Object.entries(ids).map(([name, id]) => [id, name]));
  return body.items.map((item: { id: number }) => byId[item.id]);
}

test.each([
  ['', ['p4', 'p3', 'p2', 'p1', 'p6']],
  ['?sort=oldest', ['p6', 'p1', 'p2', 'p3', 'p4']],
  ['?registeredFrom=2026-11-25&registeredTo=2026-11-25', ['p3', 'p2']],
  ['?registeredFrom=2026-11-25', ['p4', 'p3', 'p2']],
  ['?registeredTo=2026-11-24', ['p1', 'p6']],
  ['?registeredFrom=2026-11-26&registeredTo=2026-11-26', ['p4']],
  [`?sellerName=${encodeURIComponent('알파')}`, ['p2', 'p1']],
  ['?sellerName=beta_', ['p4', 'p3']],
  ['?sellerName=p_a', []],
  ['?sellerName=%25', []],
  ['?sellerAttributeIds=1,7', ['p2', 'p1', 'p6']],
  ['?sellerAttributeIds=4', ['p4', 'p3']],
  [`?searchField=name&q=${encodeURIComponent('셔츠')}`, ['p3', 'p1']],
  [`?q=${encodeURIComponent('셔츠')}`, ['p3', 'p1']],
  [`?searchField=name&q=${encodeURIComponent('100%')}`, ['p2']],
  ['?searchField=name&q=_', ['p4']],
  ['?searchField=id&q=abc', []],
  ['?onSale=false', ['p2']],
  ['?onSale=true&displayed=true', ['p4', 'p1', 'p6']],
  ['?displayed=false', ['p3']],
  ['?discounted=true', ['p2']],
  ['?discounted=false', ['p4', 'p3', 'p1', 'p6']],
])('admin list %s', async (query, expected) => {
  expect(await names(query)).toEqual(expected);
});

test('id and code searches are exact', async () => {
  expect(await names(`?searchField=id&q=${ids.p3}`)).toEqual(['p3']);
  const code = (await ctx.db.selectFrom('products').select('code').where('id', '=', ids.p2).executeTakeFirstOrThrow()).code;
  expect(await names(`?searchField=code&q=${code}`)).toEqual(['p2']);
  expect(await names(`?searchField=code&q=${code.slice(0, 6)}`)).toEqual([]);
});

test('sellerId narrows an admin list; a seller only ever sees its own products', async () => {
  expect(await names(`?sellerId=${sellers.beta}`)).toEqual(['p4', 'p3']);
  expect(await names('', alphaAuth)).toEqual(['p2', 'p1']);
  expect(await names(`?sellerId=${sellers.beta}`, alphaAuth)).toEqual([]);
  expect(await names(`?searchField=id&q=${ids.p3}`, alphaAuth)).toEqual([]);
});

test('offset paging reports the exact total', async () => {
  const res = await list('?limit=2&page=2');
  expect(res.json()).toMatchObject({ page: 2, limit: 2, total: 5 });
  expect(res.json().items.map((i: { id: number }) => i.id)).toEqual([ids.p2, ids.p1]);
  expect((await list('?limit=2&page=9')).json()).toMatchObject({ items: [], total: 5 });
});

test('items carry the seller, attribute, the discount rate as entered and the price in force now', async () => {
  const items = (await list('')).json().items;
  const p2 = items.find((i: { id: number }) => i.id === ids.p2);
  expect(p2).toEqual({
    id: ids.p2,
    code: expect.stringMatching(/^P/),
    name: '100% 면 티',
    imageUrl: expect.stringMatching(new RegExp(`/products/${sellers.alpha}/[^/]+\\.jpg$`)),
    thumbnailUrl: p2.imageUrl.replace(/\.jpg$/, '_w360.webp'),
    registeredAt: '2026-11-24T15:00:00.000Z',
    seller: { id: sellers.alpha, nameKo: '알파상점', attribute: { id: 1, name: expect.any(String) } },
    price: 12340,
    discountRate: 10,
    discountedPrice: 11100,
    isOnSale: false,
    isDisplayed: true,
    isDiscounted: true,
  });
  // The rate as entered everywhere in the back office, also outside its window (ended for p3, not begun for p4).
  const p3 = items.find((i: { id: number }) => i.id === ids.p3);
  expect(p3).toMatchObject({ discountRate: 20, discountedPrice: p3.price, isDiscounted: false });
  expect(items.find((i: { id: number }) => i.id === ids.p4)).toMatchObject({ discountRate: 30, isDiscounted: false });
});

test('the detail also gives the rate as entered, with discountedPrice and isDiscounted for now', async () => {
  const detail = async (id: number) => (await list(`/${id}`)).json();
  expect(await detail(ids.p3)).toMatchObject({ price: 10000, discountRate: 20, discountedPrice: 10000, isDiscounted: false });
  expect(await detail(ids.p2)).toMatchObject({ price: 12340, discountRate: 10, discountedPrice: 11100, isDiscounted: true });
});

test('bad filters are 400', async () => {
  for (const query of [
    '?nope=1',
    '?sellerAttributeIds=1,x',
    '?registeredFrom=2026-13-01',
    '?sort=price',
    '?limit=101',
    '?searchField=email&q=a',
    '?onSale=maybe',
  ]) {
    const res = await list(query);
    expect({ query, status: res.statusCode }).toEqual({ query, status: 400 });
  }
});

test('a seller name matching more sellers than are resolved to ids still filters exactly', async () => {
  // Past 50 matching sellers the name stays a join filter (resolveSellerName); both paths must agree.
  const many: number[] = [];
  for (let i = 0; i < 52; i++) many.push(await createSeller(ctx.db, { attributeId: 2, nameKo: `흔한이름${i}`, nameEn: `Common ${i}` }));
  const only = await createProduct(ctx.db, many[51], { name: '흔한 상품' }, new Date('2026-11-22T00:00:00Z'));
  for (const query of [
    `?sellerName=${encodeURIComponent('흔한이름')}`,
    `?sellerName=${encodeURIComponent('흔한이름51')}`,
    '?sellerName=common&registeredTo=2026-11-22',
  ]) {
    const res = await list(query);
    expect({ query, ids: res.json().items.map((i: { id: number }) => i.id), total: res.json().total }).toEqual({
      query,
      ids: [only],
      total: 1,
    });
  }
  await ctx.db.deleteFrom('product_options').where('product_id', '=', only).execute();
  await ctx.db.deleteFrom('product_images').where('product_id', '=', only).execute();
  await ctx.db.deleteFrom('product_revisions').where('product_id', '=', only).execute();
  await ctx.db.deleteFrom('products').where('id', '=', only).execute();
});
