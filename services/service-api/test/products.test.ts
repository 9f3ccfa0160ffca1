import { rankingScore, refreshEffectivePrices } from '@brandi/db';
import { CATEGORY, createProduct, createQuestion, createSeller, createShopper } from '@brandi/db/testing';
import { startTestApp, type TestContext } from './harness.js';

const NOW = new Date('2026-06-15T12:00:00.000Z');
const DAY = 86_400_000;
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);

let ctx: TestContext;
const ids: Record<string, number> = {};
const created: Record<string, Date> = {};
const sales: Record<string, number> = {};

beforeAll(async () => {
  ctx = await startTestApp({ now: () => NOW });
  const { db } = ctx;
  const shopSeller = await createSeller(db, { attributeId: 1 });
  const brandSeller = await createSeller(db, { attributeId: 4 });
  const pausedSeller = await createSeller(db, { attributeId: 1, status: 'paused' });
  ids.shopSeller = shopSeller;
  ids.pausedSeller = pausedSeller;
  // Registered ten days ago, a minute apart; columns computed then, so the refresher must catch up.
  let minute = 0;
  const add = async (name: string, sellerId: number, fixture: NonNullable<Parameters<typeof createProduct>[2]>) => {
    created[name] = at(-10 * DAY + minute++ * 60_000);
    sales[name] = fixture.salesCount ?? 0;
    ids[name] = await createProduct(db, sellerId, { name, ...fixture }, created[name]);
  };
  await add('Blue Jacket', shopSeller, { price: 10000, salesCount: 5 });
  await add('past sale', shopSeller, {
    category: CATEGORY.shop2,
    price: 20000,
    discountRate: 10,
    discountStartsAt: at(-20 * DAY),
    discountEndsAt: at(-DAY),
    salesCount: 50,
  });
  await add('current sale', shopSeller, {
    category: CATEGORY.shopTop,
    price: 30000,
    discountRate: 20,
    discountStartsAt: at(-DAY),
    discountEndsAt: at(DAY),
    salesCount: 1,
  });
  await add('future sale', shopSeller, { price: 15000, discountRate: 50, discountStartsAt: at(DAY), discountEndsAt: null, salesCount: 20 });
  await add('100%_cotton', brandSeller, { category: CATEGORY.brand, price: 8000, discountRate: 25, salesCount: 100 });
  await add('hidden', brandSeller, { category: CATEGORY.brand, isDisplayed: false, salesCount: 1000 });
  await add('deleted', brandSeller, { category: CATEGORY.brand, deleted: true, salesCount: 1000 });
  await add('paused seller', pausedSeller, { salesCount: 1000 });
  await add('Lip 50% off', shopSeller, {
    category: CATEGORY.beauty,
    price: 50000,
    discountRate: 10,
    discountStartsAt: NOW,
    discountEndsAt: NOW,
    salesCount: 0,
  });
  await refreshEffectivePrices(db, NOW);
});
afterAll(() => ctx.close());

const VISIBLE = ['Blue Jacket', 'past sale', 'current sale', 'future sale', '100%_cotton', 'Lip 50% off'];

async function listNames(query: string): Promise<string[]> {
  const res = await ctx.app.inject({ method: 'GET', url: `/products?${query}` });
  expect(res.statusCode).toBe(200);
  return res.json().items.map((item: { name: string }) => item.name);
}

describe('GET /products sorts', () => {
  test('newest: registration time, latest first', async () => {
    expect(await listNames('sort=newest')).toEqual([...VISIBLE].reverse());
  });

  test('sales: most sold first', async () => {
    expect(await listNames('sort=sales')).toEqual([
      '100%_cotton',
      'past sale',
      'future sale',
      'Blue Jacket',
      'current sale',
      'Lip 50% off',
    ]);
  });

  test('price_asc / price_desc use the discount active now', async () => {
    const ascending = ['100%_cotton', 'Blue Jacket', 'future sale', 'past sale', 'current sale', 'Lip 50% off'];
    expect(await listNames('sort=price_asc')).toEqual(ascending);
    expect(await listNames('sort=price_desc')).toEqual([...ascending].reverse());
  });

  test('recommended (the default) orders by the ranking score', async () => {
    const expected = [...VISIBLE].sort((a, b) => rankingScore(sales[b], created[b]) - rankingScore(sales[a], created[a]));
    expect(await listNames('')).toEqual(expected);
    expect(await listNames('sort=recommended')).toEqual(expected);
  });
});

describe('GET /products filters', () => {
  test.each([
    ['mainCategoryId=4', ['Blue Jacket', 'past sale', 'current sale', 'future sale']],
    ['firstCategoryId=1', ['Blue Jacket', 'past sale', 'future sale']],
    ['secondCategoryId=1', ['Blue Jacket', 'future sale']],
    ['mainCategoryId=6', ['Lip 50% off']],
    ['onSale=true', ['current sale', '100%_cotton', 'Lip 50% off']],
    ['onSale=false', ['Blue Jacket', 'past sale', 'future sale']],
    ['q=jacket', ['Blue Jacket']],
    ['q=%25', ['100%_cotton', 'Lip 50% off']],
    ['q=_', ['100%_cotton']],
    ['q=sale', ['past sale', 'current sale', 'future sale']],
    ['minPrice=10000&maxPrice=20000', ['Blue Jacket', 'past sale', 'future sale']],
    ['minPrice=24000', ['current sale', 'Lip 50% off']],
    ['maxPrice=6000', ['100%_cotton']],
    ['maxPrice=24000', ['Blue Jacket', 'past sale', 'current sale', 'future sale', '100%_cotton']],
    ['mainCategoryId=4&onSale=true', ['current sale']],
  ])('%s', async (query, expected) => {
    expect(await listNames(`${query}&sort=newest`)).toEqual([...expected].sort((a, b) => created[b].getTime() - created[a].getTime()));
  });

  test('sellerId lists an active seller’s products and nothing of a paused one', async () => {
    expect(await listNames(`sellerId=${ids.shopSeller}&sort=newest`)).toEqual([
      'Lip 50% off',
      'future sale',
      'current sale',
      'past sale',
      'Blue Jacket',
    ]);
    expect(await listNames(`sellerId=${ids.pausedSeller}`)).toEqual([]);
  });

  test('items carry exactly the allowed fields, priced for now', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/products?q=current' });
    const [item] = res.json().items;
    expect(item).toEqual({
      id: ids['current sale'],
      name: 'current sale',
      imageUrl: expect.stringMatching(new RegExp(`^${ctx.config.storage.publicUrl}/products/${ids.shopSeller}/[^/]+\\.jpg$`)),
      thumbnailUrl: item.imageUrl.replace(/\.jpg$/, '_w360.webp'),
      price: 30000,
      discountRate: 20,
      discountedPrice: 24000,
      salesCount: 1,
      seller: { id: ids.shopSeller, name: expect.any(String) },
    });
    const past = (await ctx.app.inject({ method: 'GET', url: '/products?q=past' })).json().items[0];
    expect(past).toMatchObject({ price: 20000, discountRate: 0, discountedPrice: 20000 });
  });

  test('an image stored before thumbnails existed lists itself as the thumbnail', async () => {
    const id = await createProduct(ctx.db, ids.shopSeller, {
      name: 'no thumbnail yet',
      images: [{ key: `products/${ids.shopSeller}/old-image.jpg`, thumbnailKey: null, width: 640, height: 720 }],
    });
    const [item] = (await ctx.app.inject({ method: 'GET', url: '/products?q=thumbnail' })).json().items;
    expect(item.id).toBe(id);
    expect(item.thumbnailUrl).toBe(`${ctx.config.storage.publicUrl}/products/${ids.shopSeller}/old-image.jpg`);
    expect(item.imageUrl).toBe(item.thumbnailUrl);
    await ctx.db.updateTable('products').set({ deleted_at: NOW }).where('id', '=', id).execute();
  });
});

test('refreshEffectivePrices moves the indexed price columns across window edges, idempotently', async () => {
  const read = async (name: string) =>
    ctx.db
      .selectFrom('products')
      .select(['effective_price', 'effective_discount_rate'])
      .where('id', '=', ids[name])
      .executeTakeFirstOrThrow();
  expect(await read('past sale')).toEqual({ effective_price: 20000, effective_discount_rate: 0 });
  expect(await read('current sale')).toEqual({ effective_price: 24000, effective_discount_rate: 20 });
  expect(await read('future sale')).toEqual({ effective_price: 15000, effective_discount_rate: 0 });
  expect(await refreshEffectivePrices(ctx.db, NOW)).toBe(0);
  // Two days on, the current sale has ended and the future one has begun.
  const later = at(2 * DAY);
  expect(await refreshEffectivePrices(ctx.db, later)).toBeGreaterThanOrEqual(2);
  expect(await read('current sale')).toEqual({ effective_price: 30000, effective_discount_rate: 0 });
  expect(await read('future sale')).toEqual({ effective_price: 7500 - (7500 % 10), effective_discount_rate: 50 });
  await refreshEffectivePrices(ctx.db, NOW);
  expect(await read('current sale')).toEqual({ effective_price: 24000, effective_discount_rate: 20 });
});

describe('GET /products/:id', () => {
  test('a visible product with ordered images, options, category path, seller and question count', async () => {
    const { db } = ctx;
    const id = await createProduct(
      db,
      ids.shopSeller,
      {
        name: 'detail',
        category: CATEGORY.shopTop,
        price: 30000,
        discountRate: 20,
        discountStartsAt: at(-DAY),
        discountEndsAt: at(DAY),
        images: ['a', 'b', 'c'].map((k) => ({
          key: `products/${ids.shopSeller}/detail-${k}.jpg`,
          thumbnailKey: null,
          width: 640,
          height: 720,
        })),
        options: [
          { color: 'black', size: 'S', stock: 0 },
          { color: 'white', size: 'S', stock: null },
          { color: 'black', size: 'M', stock: 3 },
        ],
      },
      at(-DAY),
    );
    const shopper = await createShopper(db);
    await createQuestion(db, { productId: id, shopperId: shopper });
    const gone = await createQuestion(db, { productId: id, shopperId: shopper });
    await db.updateTable('questions').set({ deleted_at: NOW }).where('id', '=', gone).execute();

    const res = await ctx.app.inject({ method: 'GET', url: `/products/${id}` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toEqual({
      id,
      code: expect.stringMatching(/^P[0-9A-Z]{11}$/),
      name: 'detail',
      images: ['a', 'b', 'c'].map((k) => `${ctx.config.storage.publicUrl}/products/${ids.shopSeller}/detail-${k}.jpg`),
      price: 30000,
      discountRate: 20,
      discountedPrice: 24000,
      discountEndsAt: at(DAY).toISOString(),
      simpleDescription: null,
      detailHtml: '<p>detail</p>',
      minOrderQty: 1,
      maxOrderQty: 10,
      isOnSale: true,
      options: [
        { id: expect.any(Number), color: 'black', size: 'S', stock: 0, soldOut: true },
        { id: expect.any(Number), color: 'white', size: 'S', stock: null, soldOut: false },
        { id: expect.any(Number), color: 'black', size: 'M', stock: 3, soldOut: false },
      ],
      colors: ['black', 'white'],
      sizes: ['S', 'M'],
      category: {
        main: { id: 4, name: expect.any(String) },
        first: { id: 2, name: expect.any(String) },
        second: { id: 8, name: expect.any(String) },
      },
      seller: { id: ids.shopSeller, name: expect.any(String), imageUrl: expect.any(String), siteUrl: expect.any(String) },
      salesCount: 0,
      questionCount: 1,
      reviewCount: 0,
      ratingAverage: null,
    });
  });

  test('a future discount is not applied and reports no end', async () => {
    const body = (await ctx.app.inject({ method: 'GET', url: `/products/${ids['future sale']}` })).json();
    expect(body).toMatchObject({ price: 15000, discountRate: 0, discountedPrice: 15000, discountEndsAt: null });
  });

  test.each(['hidden', 'deleted', 'paused seller'])('a %s product is 404', async (name) => {
    const res = await ctx.app.inject({ method: 'GET', url: `/products/${ids[name]}` });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });

  test('an unknown product is 404', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/products/999999' })).statusCode).toBe(404);
  });
});
