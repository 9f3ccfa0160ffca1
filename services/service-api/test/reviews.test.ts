import { createProduct, createSeller } from '@brandi/db/testing';
import { startTestApp, type TestContext } from './harness.js';
import { bearerFor, createOption, createShopper, orderIn } from './order-moves.fixtures.js';

let ctx: TestContext;
let alice: number;
let bob: number;
let aliceHeaders: Record<string, string>;
let bobHeaders: Record<string, string>;
let productId: number;
let optionId: number;
beforeAll(async () => {
  ctx = await startTestApp();
  alice = await createShopper(ctx.db, 'alice_reviewer');
  bob = await createShopper(ctx.db, 'bobby_reviewer');
  aliceHeaders = await bearerFor(ctx, alice);
  bobHeaders = await bearerFor(ctx, bob);
  ({ productId, optionId } = await createOption(ctx.db, { stock: null }));
});
afterAll(() => ctx.close());

const review = (itemId: number, payload: object, headers = aliceHeaders) =>
  ctx.app.inject({ method: 'POST', url: `/me/order-items/${itemId}/review`, headers, payload });
const body = (rating: number, fit = 'fits') => ({ rating, fit, content: `별점 ${rating}점 후기입니다. 잘 받았어요` });
const itemIn = async (shopperId: number, status: 'paid' | 'delivered' | 'confirmed' | 'refund_requested', option = optionId) =>
  (await orderIn(ctx.db, shopperId, [{ optionId: option, quantity: 1 }], status)).items[0].id;
const listReviews = async (query = '', id = productId) => {
  const res = await ctx.app.inject({ method: 'GET', url: `/products/${id}/reviews${query}` });
  expect(res.statusCode).toBe(200);
  return res.json();
};
const detail = async () => (await ctx.app.inject({ method: 'GET', url: `/products/${productId}` })).json();

describe('writing a review', () => {
  test('the shopper of a delivered or confirmed item reviews it once', async () => {
    for (const status of ['delivered', 'confirmed'] as const) {
      const itemId = await itemIn(alice, status);
      const res = await review(itemId, body(4, 'small'));
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({
        orderItemId: itemId,
        rating: 4,
        fit: 'small',
        author: 'ali***',
        option: { color: 'black', size: 'M' },
        product: { id: productId },
      });
      const again = await review(itemId, body(5));
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('CONFLICT');
    }
  });

  test.each(['paid', 'refund_requested'] as const)('a %s item cannot be reviewed (409)', async (status) => {
    const itemId = await itemIn(alice, status);
    expect((await review(itemId, body(5))).statusCode).toBe(409);
  });

  test("another shopper's item, or an unknown one, is 404", async () => {
    const itemId = await itemIn(alice, 'delivered');
    expect((await review(itemId, body(5), bobHeaders)).statusCode).toBe(404);
    expect((await review(999_999, body(5))).statusCode).toBe(404);
  });

  test.each([
    ['content under 10 characters', { rating: 5, fit: 'fits', content: '짧아요' }],
    ['blank content', { rating: 5, fit: 'fits', content: ' '.repeat(12) }],
    ['rating 6', { ...body(5), rating: 6 }],
    ['rating 0', { ...body(5), rating: 0 }],
    ['an unknown fit', { ...body(5), fit: 'tight' }],
  ])('%s is 400', async (_what, payload) => {
    const itemId = await itemIn(alice, 'delivered');
    expect((await review(itemId, payload)).statusCode).toBe(400);
  });
});

describe('the summary is kept with the product', () => {
  let product: number;
  let option: number;
  beforeAll(async () => {
    ({ productId: product, optionId: option } = await createOption(ctx.db, { stock: null }));
  });

  test('after create, edit and delete', async () => {
    expect((await listReviews('', product)).summary).toEqual({
      count: 0,
      average: null,
      ratings: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 },
      fit: { fits: 0, small: 0, large: 0 },
    });
    const ids: number[] = [];
    for (const [rating, fit] of [
      [5, 'fits'],
      [4, 'fits'],
      [4, 'large'],
    ] as const) {
      ids.push((await review(await itemIn(alice, 'delivered', option), body(rating, fit))).json().id);
    }
    expect((await listReviews('', product)).summary).toEqual({
      count: 3,
      average: 4.3,
      ratings: { 1: 0, 2: 0, 3: 0, 4: 2, 5: 1 },
      fit: { fits: 2, small: 0, large: 1 },
    });

    const edit = await ctx.app.inject({
      method: 'PATCH',
      url: `/me/reviews/${ids[0]}`,
      headers: aliceHeaders,
      payload: { rating: 1, fit: 'small' },
    });
    expect(edit.statusCode).toBe(200);
    expect(edit.json()).toMatchObject({ rating: 1, fit: 'small', content: body(5).content });
    expect((await listReviews('', product)).summary).toEqual({
      count: 3,
      average: 3,
      ratings: { 1: 1, 2: 0, 3: 0, 4: 2, 5: 0 },
      fit: { fits: 1, small: 1, large: 1 },
    });

    const removed = await ctx.app.inject({ method: 'DELETE', url: `/me/reviews/${ids[1]}`, headers: aliceHeaders });
    expect(removed.statusCode).toBe(204);
    const after = await listReviews('', product);
    expect(after.summary).toEqual({
      count: 2,
      average: 2.5,
      ratings: { 1: 1, 2: 0, 3: 0, 4: 1, 5: 0 },
      fit: { fits: 0, small: 1, large: 1 },
    });
    expect(after.items.map((r: { id: number }) => r.id).sort()).toEqual([ids[0], ids[2]].sort());
    expect(after.total).toBe(2);
  });
});

describe('editing and deleting', () => {
  test('only the author; others and deleted reviews are 404; content changes; a deleted review frees nothing', async () => {
    const itemId = await itemIn(alice, 'delivered');
    const id = (await review(itemId, body(3))).json().id;
    const patch = (headers: Record<string, string>, payload: object) =>
      ctx.app.inject({ method: 'PATCH', url: `/me/reviews/${id}`, headers, payload });
    expect((await patch(bobHeaders, { rating: 1 })).statusCode).toBe(404);
    expect((await ctx.app.inject({ method: 'DELETE', url: `/me/reviews/${id}`, headers: bobHeaders })).statusCode).toBe(404);
    expect((await patch(aliceHeaders, {})).statusCode).toBe(400);
    const edited = await patch(aliceHeaders, { content: '다시 생각해보니 아주 좋아요' });
    expect(edited.json()).toMatchObject({ rating: 3, content: '다시 생각해보니 아주 좋아요' });
    expect(new Date(edited.json().updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(edited.json().createdAt).getTime());
    expect((await ctx.app.inject({ method: 'DELETE', url: `/me/reviews/${id}`, headers: aliceHeaders })).statusCode).toBe(204);
    expect((await ctx.app.inject({ method: 'DELETE', url: `/me/reviews/${id}`, headers: aliceHeaders })).statusCode).toBe(404);
    expect((await patch(aliceHeaders, { rating: 5 })).statusCode).toBe(404);
    expect((await review(itemId, body(5))).statusCode).toBe(409);
  });
});

describe('lists', () => {
  let product: number;
  const made: { id: number; rating: number }[] = [];
  beforeAll(async () => {
    const { productId: p, optionId: o } = await createOption(ctx.db, { stock: null });
    product = p;
    for (const [who, rating] of [
      [alice, 3],
      [bob, 5],
      [alice, 1],
      [bob, 5],
      [alice, 3],
    ] as const) {
      const res = await review(await itemIn(who, 'delivered', o), body(rating), who === alice ? aliceHeaders : bobHeaders);
      made.push({ id: res.json().id, rating });
    }
  });
  const ids = (page: { items: { id: number }[] }) => page.items.map((r) => r.id);
  const newest = () => [...made].reverse();

  test('newest first with offset paging; the total is the summary count', async () => {
    const first = await listReviews('?limit=2', product);
    expect(first).toMatchObject({ page: 1, limit: 2, total: 5 });
    expect(ids(first)).toEqual(
      newest()
        .slice(0, 2)
        .map((r) => r.id),
    );
    expect(ids(await listReviews('?limit=2&page=3', product))).toEqual([made[0].id]);
    expect(first.items[0].author).toMatch(/^(ali|bob)\*\*\*$/);
    expect(JSON.stringify(first)).not.toMatch(/alice_reviewer|bobby_reviewer/);
  });

  test('rating_desc and rating_asc: by rating, newest first within one', async () => {
    const byRating = (dir: 1 | -1) =>
      newest()
        .map((r, i) => ({ ...r, i }))
        .sort((a, b) => dir * (a.rating - b.rating) || a.i - b.i)
        .map((r) => r.id);
    expect(ids(await listReviews('?sort=rating_desc', product))).toEqual(byRating(-1));
    expect(ids(await listReviews('?sort=rating_asc', product))).toEqual(byRating(1));
  });

  test('the rating filter, with its total', async () => {
    const fives = await listReviews('?rating=5&sort=rating_asc', product);
    expect(fives.total).toBe(2);
    expect(ids(fives)).toEqual(
      newest()
        .filter((r) => r.rating === 5)
        .map((r) => r.id),
    );
    expect((await listReviews('?rating=2', product)).total).toBe(0);
  });

  test('a hidden or unknown product is 404', async () => {
    const hidden = await createProduct(ctx.db, await createSeller(ctx.db), { isDisplayed: false });
    for (const id of [hidden, 999_999])
      expect((await ctx.app.inject({ method: 'GET', url: `/products/${id}/reviews` })).statusCode).toBe(404);
  });

  test('GET /me/reviews: the caller’s live reviews, newest first, with the product', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/me/reviews?limit=100', headers: bobHeaders });
    expect(res.statusCode).toBe(200);
    const mine = res.json();
    expect(mine.items.every((r: { author: string }) => r.author === 'bob***')).toBe(true);
    expect(ids(mine).slice(0, 2)).toEqual([made[3].id, made[1].id]);
    expect(mine.items[0].product).toMatchObject({ id: product, imageUrl: expect.any(String) });
    expect((await ctx.app.inject({ method: 'GET', url: '/me/reviews' })).statusCode).toBe(401);
  });

  test('the product detail carries reviewCount and ratingAverage', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: `/products/${product}` });
    expect(res.json()).toMatchObject({ reviewCount: 5, ratingAverage: 3.4 });
    expect(await detail()).toMatchObject({ reviewCount: expect.any(Number) });
  });
});

test('concurrent reviews: one per item however many are sent, and the summary counts each exactly once', async () => {
  const { productId: product, optionId: option } = await createOption(ctx.db, { stock: null });
  const items = [];
  for (let i = 0; i < 4; i++) items.push(await itemIn(alice, 'delivered', option));
  const answers = await Promise.all(items.flatMap((itemId, i) => [review(itemId, body(i + 1)), review(itemId, body(5, 'large'))]));
  const codes = answers.map((r) => r.statusCode);
  expect(codes.filter((c) => c === 201)).toHaveLength(4);
  expect(codes.filter((c) => c === 409)).toHaveLength(4);
  const created = answers.filter((r) => r.statusCode === 201).map((r) => r.json());
  const { summary } = await listReviews('', product);
  expect(summary.count).toBe(4);
  expect(summary.ratings).toEqual(
    Object.fromEntries([1, 2, 3, 4, 5].map((r) => [r, created.filter((c: { rating: number }) => c.rating === r).length])),
  );
  expect(summary.fit.fits + summary.fit.large).toBe(4);
});
