import { findTokensContaining, productNameTokenPairs, searchWords, tokenPairsAcross } from '@brandi/db';
import { planFeedAccess } from '../src/routes/products/feed-plan.js';
import { buildProductListQuery, type ProductListParams } from '../src/routes/products/products.repository.js';
import { PRODUCT_SORTS } from '../src/routes/products/schemas.js';
import { CATEGORY, createProduct, createSeller } from '@brandi/db/testing';
import { startTestApp, type TestContext } from './harness.js';

// GET /products?q=: every word of q somewhere in the name, in any order, `%` and `_` literal, case and accents
// as the names' collation compares them; whichever way the planner reads the rows.

let ctx: TestContext;
const created: Record<string, Date> = {};

beforeAll(async () => {
  ctx = await startTestApp();
  const { db } = ctx;
  const seller = await createSeller(db, { attributeId: 1 });
  const brand = await createSeller(db, { attributeId: 4 });
  const paused = await createSeller(db, { attributeId: 1, status: 'paused' });
  let minute = 0;
  const add = async (name: string, sellerId: number, fixture: Parameters<typeof createProduct>[2] = {}) => {
    created[name] = new Date(Date.UTC(2026, 5, 1) + minute++ * 60_000);
    await createProduct(db, sellerId, { name, ...fixture }, created[name]);
  };
  await add('Linen Wide Pants', seller, { price: 30000 });
  await add('Wide LINEN Shirt', seller, { price: 20000 });
  await add('Linen Shirt', brand, { price: 10000, category: CATEGORY.brand });
  await add('Cotton Wide Pants', seller, { price: 40000 });
  await add('Linenwide Jacket', seller, { price: 50000 });
  await add('Blàck Tee', seller);
  await add('A_B shirt', seller);
  await add('AxB shirt', seller);
  await add('A%B tee', seller);
  await add('AzzB tee', seller);
  await add('Linen Hidden', seller, { isDisplayed: false });
  await add('Linen Deleted', seller, { deleted: true });
  await add('Linen Paused', paused);
});
afterAll(() => ctx.close());

async function search(query: string): Promise<{ names: string[]; nextCursor: string | null }> {
  const res = await ctx.app.inject({ method: 'GET', url: `/products?${query}` });
  expect(res.statusCode).toBe(200);
  const body = res.json();
  return { names: body.items.map((item: { name: string }) => item.name), nextCursor: body.nextCursor };
}

const newestFirst = (names: string[]) => [...names].sort((a, b) => created[b].getTime() - created[a].getTime());

describe('GET /products?q=', () => {
  test.each([
    ['linen', ['Linen Wide Pants', 'Wide LINEN Shirt', 'Linen Shirt', 'Linenwide Jacket']],
    ['wide linen', ['Linen Wide Pants', 'Wide LINEN Shirt', 'Linenwide Jacket']],
    ['LINEN%20%20%20wide', ['Linen Wide Pants', 'Wide LINEN Shirt', 'Linenwide Jacket']],
    ['pants%20linen', ['Linen Wide Pants']],
    ['%E3%80%80pants%C2%A0linen%20', ['Linen Wide Pants']], // ideographic and no-break spaces separate words too
    ['shirt wide linen', ['Wide LINEN Shirt']],
    ['black', ['Blàck Tee']],
    ['A_B', ['A_B shirt']],
    ['A%25B', ['A%B tee']],
    ['_', ['A_B shirt']],
  ])('q=%s: every word in the name, in any order', async (q, expected) => {
    expect((await search(`q=${q}&sort=newest`)).names).toEqual(newestFirst(expected));
  });

  test.each([['zzzq'], ['linen zzzq'], ['A_B linen'], ['A%25%25B']])('q=%s matches nothing: an empty last page', async (q) => {
    expect(await search(`q=${q}`)).toEqual({ names: [], nextCursor: null });
  });

  test('combines with filters and every sort', async () => {
    expect((await search('q=linen&sort=price_asc')).names).toEqual([
      'Linen Shirt',
      'Wide LINEN Shirt',
      'Linen Wide Pants',
      'Linenwide Jacket',
    ]);
    expect((await search('q=linen&sort=price_desc')).names).toEqual([
      'Linenwide Jacket',
      'Linen Wide Pants',
      'Wide LINEN Shirt',
      'Linen Shirt',
    ]);
    expect((await search(`q=linen&sort=newest&mainCategoryId=${CATEGORY.brand.main}`)).names).toEqual(['Linen Shirt']);
    expect((await search('q=linen&sort=price_asc&minPrice=15000&maxPrice=45000')).names).toEqual(['Wide LINEN Shirt', 'Linen Wide Pants']);
    expect((await search('q=linen&minPrice=45000&maxPrice=15000')).names).toEqual([]);
    for (const sort of ['recommended', 'sales', 'newest', 'price_asc', 'price_desc']) {
      expect((await search(`q=wide%20linen&sort=${sort}`)).names.sort()).toEqual([
        'Linen Wide Pants',
        'Linenwide Jacket',
        'Wide LINEN Shirt',
      ]);
    }
  });

  test('pages through the matches by cursor without repeats or gaps', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { names: string[]; nextCursor: string | null } = await search(
        `q=linen&sort=price_asc&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.names);
      cursor = page.nextCursor;
    } while (cursor !== null && seen.length < 10);
    expect(seen).toEqual(['Linen Shirt', 'Wide LINEN Shirt', 'Linen Wide Pants', 'Linenwide Jacket']);
  });

  test('a name edited after registration is found by its new words only', async () => {
    const id = await createProduct(ctx.db, await createSeller(ctx.db), { name: 'Velvet Coat' });
    await ctx.db.updateTable('products').set({ name: 'Tweed Coat' }).where('id', '=', id).execute();
    expect((await search('q=velvet')).names).toEqual([]);
    expect((await search('q=tweed%20coat')).names).toEqual(['Tweed Coat']);
  });
});

describe('feed plans', () => {
  test.each(PRODUCT_SORTS)('sort=%s: a price range read from its index gives the sort-order page', async (sort) => {
    for (const filter of [
      { minPrice: 15_000, maxPrice: 45_000 },
      { q: 'linen', minPrice: 15_000 },
      { maxPrice: 30_000, mainCategoryId: CATEGORY.shop.main },
    ]) {
      const wanted: ProductListParams = { filter, sort, limit: 60, now: new Date() };
      const sorted = await buildProductListQuery(ctx.db, wanted, { kind: 'sorted' }).execute();
      expect(sorted.length).toBeGreaterThan(0);
      expect(await buildProductListQuery(ctx.db, wanted, { kind: 'price' }).execute()).toEqual(sorted);
    }
  });

  const params = (q: string, sort: ProductListParams['sort'], extra: ProductListParams['filter'] = {}): ProductListParams => ({
    filter: { q, ...extra },
    sort,
    limit: 60,
    now: new Date(),
  });

  test('a word no token contains, or an empty price range, runs no product query', async () => {
    expect(await planFeedAccess(ctx.db, params('linen zzzq', 'recommended'))).toEqual({ kind: 'none' });
    expect(await planFeedAccess(ctx.db, params('linen', 'recommended', { minPrice: 2, maxPrice: 1 }))).toEqual({ kind: 'none' });
    expect(await planFeedAccess(ctx.db, params('linen', 'recommended'))).toEqual({
      kind: 'postings',
      tokens: expect.arrayContaining(['Linen', 'LINEN', 'Linenwide']),
    });
  });

  // Whatever the planner picks, the rows are the same: the sort index with the words checked on each name, or
  // the postings of any one word's tokens.
  test.each(PRODUCT_SORTS)('sort=%s: the sort-order plan and every postings plan return the same page', async (sort) => {
    for (const q of ['linen', 'wide linen', 'shirt wide linen', 'A_B', 'black', 'pants linen']) {
      const wanted = params(q, sort);
      const sorted = await buildProductListQuery(ctx.db, wanted, { kind: 'sorted' }).execute();
      expect(sorted.length).toBeGreaterThan(0);
      const tokenLists = await findTokensContaining(ctx.db, searchWords(q));
      for (const tokens of tokenLists) {
        expect(await buildProductListQuery(ctx.db, wanted, { kind: 'postings', tokens }).execute()).toEqual(sorted);
      }
      // 'wide linen' has none: 'Linenwide' holds both words in one token, which no pair posting records.
      const pairs = tokenLists.length > 1 ? tokenPairsAcross(tokenLists[0], tokenLists[1]) : [];
      expect({ q, paired: pairs.length > 0 }).toEqual({ q, paired: ['pants linen', 'shirt wide linen'].includes(q) });
      if (pairs.length > 0) expect(await buildProductListQuery(ctx.db, wanted, { kind: 'pairs', pairs }).execute()).toEqual(sorted);
    }
  });
});

test('the token pairs follow a name through insert, rename and delete, as the bulk loader writes them', async () => {
  const pairsOf = async (id: number) =>
    (
      await ctx.db
        .selectFrom('product_name_token_pairs')
        .select(['token_a', 'token_b'])
        .where('product_id', '=', id)
        .orderBy('token_a')
        .orderBy('token_b')
        .execute()
    ).map((row) => [row.token_a, row.token_b]);
  const sorted = (pairs: [string, string][]) =>
    [...pairs].sort((a, b) => Buffer.compare(Buffer.from(a.join(' ')), Buffer.from(b.join(' '))));
  const name = 'Zeta  alpha Ωmega 가방 alpha ALPHA 😀';
  const id = await createProduct(ctx.db, await createSeller(ctx.db), { name });
  expect(productNameTokenPairs(name)).toHaveLength(15); // six distinct tokens
  expect(await pairsOf(id)).toEqual(sorted(productNameTokenPairs(name)));
  await ctx.db.updateTable('products').set({ name: 'alpha beta' }).where('id', '=', id).execute();
  expect(await pairsOf(id)).toEqual([['alpha', 'beta']]);
  await ctx.db.updateTable('products').set({ deleted_at: new Date() }).where('id', '=', id).execute();
  expect(await pairsOf(id)).toEqual([]);
});
