import { createProduct, createSeller, createShopper } from '@brandi/db/testing';
import { startTestApp, type TestContext } from './harness.js';

let ctx: TestContext;
let productId: number;
let firstCategoryId: number;
beforeAll(async () => {
  ctx = await startTestApp({ env: { CACHE_TTL_MS: '60000' } });
  const sellerId = await createSeller(ctx.db);
  productId = await createProduct(ctx.db, sellerId, { name: '처음 이름' });
  firstCategoryId = (await ctx.db.selectFrom('products').select('first_category_id').where('id', '=', productId).executeTakeFirstOrThrow())
    .first_category_id;
});
afterAll(() => ctx.close());

const rename = (name: string) => ctx.db.updateTable('products').set({ name }).where('id', '=', productId).execute();
const detailName = async () => (await ctx.app.inject({ method: 'GET', url: `/products/${productId}` })).json().name;
const feedNames = async () =>
  (await ctx.app.inject({ method: 'GET', url: `/products?firstCategoryId=${firstCategoryId}&sort=newest` }))
    .json()
    .items.map((i: { name: string }) => i.name);

test('with the cache on, reads within the TTL come from memory; this service’s own writes invalidate at once', async () => {
  expect(await detailName()).toBe('처음 이름');
  expect(await feedNames()).toEqual(['처음 이름']);
  // A back-office write (another process) stays invisible until the TTL passes…
  await rename('바뀐 이름');
  expect(await detailName()).toBe('처음 이름');
  expect(await feedNames()).toEqual(['처음 이름']);
  expect(ctx.app.cache.stats().hits).toBeGreaterThanOrEqual(2);

  // …but a question asked here drops the product's entry, so its questionCount (and name) are fresh.
  const shopperId = await createShopper(ctx.db);
  const { accessToken } = await ctx.app.tokens.sign({ sub: String(shopperId), role: 'shopper' });
  const asked = await ctx.app.inject({
    method: 'POST',
    url: `/products/${productId}/questions`,
    headers: { authorization: `Bearer ${accessToken}` },
    payload: { typeId: 1, content: '사이즈 문의', isPrivate: false },
  });
  expect(asked.statusCode).toBe(201);
  const detail = (await ctx.app.inject({ method: 'GET', url: `/products/${productId}` })).json();
  expect(detail).toMatchObject({ name: '바뀐 이름', questionCount: 1 });
});

test('the TTL bounds staleness', async () => {
  const short = await startTestApp({ env: { CACHE_TTL_MS: '200' } });
  try {
    const sellerId = await createSeller(short.db);
    const id = await createProduct(short.db, sellerId, { name: '하나' });
    const name = async () => (await short.app.inject({ method: 'GET', url: `/products/${id}` })).json().name;
    expect(await name()).toBe('하나');
    await short.db.updateTable('products').set({ name: '둘' }).where('id', '=', id).execute();
    await new Promise((r) => setTimeout(r, 250));
    expect(await name()).toBe('둘');
  } finally {
    await short.close();
  }
});
