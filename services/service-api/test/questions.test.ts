import { createAnswer, createProduct, createQuestion, createSeller, createShopper } from '@brandi/db/testing';
import { startTestApp, type TestContext } from './harness.js';

let ctx: TestContext;
let productId: number;
let hiddenProductId: number;
let sellerId: number;
let asker: number;
let other: number;
let privateQuestion: number;
let publicQuestion: number;
const ASKER_LOGIN = 'alice_secret_id';
const OTHER_LOGIN = 'bobby_other_id';

const bearer = async (shopperId: number) => {
  const { accessToken } = await ctx.app.tokens.sign({ sub: String(shopperId), role: 'shopper' });
  return { authorization: `Bearer ${accessToken}` };
};

beforeAll(async () => {
  ctx = await startTestApp();
  const { db } = ctx;
  sellerId = await createSeller(db, { nameKo: '답변셀러' });
  productId = await createProduct(db, sellerId, { name: 'asked about' });
  hiddenProductId = await createProduct(db, sellerId, { isDisplayed: false });
  asker = await createShopper(db, ASKER_LOGIN);
  other = await createShopper(db, OTHER_LOGIN);
  const t = (minutes: number) => new Date(Date.UTC(2026, 5, 1, 0, minutes));
  privateQuestion = await createQuestion(db, {
    productId,
    shopperId: asker,
    isPrivate: true,
    content: 'my private size question',
    typeId: 1,
    createdAt: t(1),
  });
  await createAnswer(db, privateQuestion, sellerId, 'private answer text');
  publicQuestion = await createQuestion(db, {
    productId,
    shopperId: other,
    content: 'public delivery question',
    typeId: 2,
    createdAt: t(2),
  });
  await createQuestion(db, { productId, shopperId: other, content: 'third', typeId: 2, createdAt: t(3) });
});
afterAll(() => ctx.close());

const list = async (headers: Record<string, string> = {}, query = '') => {
  const res = await ctx.app.inject({ method: 'GET', url: `/products/${productId}/questions${query}`, headers });
  expect(res.statusCode).toBe(200);
  expect(res.body).not.toContain(ASKER_LOGIN);
  expect(res.body).not.toContain(OTHER_LOGIN);
  return res.json();
};

test('GET /question-types lists the seven types in order', async () => {
  const res = await ctx.app.inject({ method: 'GET', url: '/question-types' });
  expect(res.json()).toHaveLength(7);
  expect(res.json()[0]).toEqual({ id: 1, name: '상품 문의' });
});

describe('private questions are masked on the server', () => {
  test('the asker sees the question and its answer', async () => {
    const body = await list(await bearer(asker));
    const item = body.items.find((q: { id: number }) => q.id === privateQuestion);
    expect(item).toEqual({
      id: privateQuestion,
      type: { id: 1, name: '상품 문의' },
      content: 'my private size question',
      isPrivate: true,
      isMine: true,
      author: 'ali***',
      createdAt: '2026-06-01T00:01:00.000Z',
      answer: { content: 'private answer text', createdAt: expect.any(String), sellerName: '답변셀러' },
    });
  });

  test.each([
    ['another shopper', async () => bearer(other)],
    ['an anonymous visitor', async () => ({})],
  ])('%s gets null content and a null answer content', async (_who, headers) => {
    const body = await list(await headers());
    const item = body.items.find((q: { id: number }) => q.id === privateQuestion);
    expect(item).toMatchObject({
      content: null,
      isPrivate: true,
      isMine: false,
      author: 'ali***',
      answer: { content: null, sellerName: '답변셀러' },
    });
    expect(JSON.stringify(body)).not.toMatch(/private (size question|answer text)/);
    const open = body.items.find((q: { id: number }) => q.id === publicQuestion);
    expect(open).toMatchObject({ content: 'public delivery question', author: 'bob***', answer: null });
  });
});

test('newest first, offset paging with total, typeId and answered filters', async () => {
  const all = await list({}, '?limit=2');
  expect(all).toMatchObject({ page: 1, limit: 2, total: 3 });
  expect(all.items.map((q: { content: string | null }) => q.content)).toEqual(['third', 'public delivery question']);
  expect((await list({}, '?page=2&limit=2')).items.map((q: { id: number }) => q.id)).toEqual([privateQuestion]);
  expect((await list({}, '?typeId=2')).total).toBe(2);
  expect((await list({}, '?answered=true')).items.map((q: { id: number }) => q.id)).toEqual([privateQuestion]);
  expect((await list({}, '?answered=false')).total).toBe(2);
});

test('questions of a hidden or unknown product are 404', async () => {
  for (const id of [hiddenProductId, 999999]) {
    expect((await ctx.app.inject({ method: 'GET', url: `/products/${id}/questions` })).statusCode).toBe(404);
  }
});

describe('POST /products/:id/questions', () => {
  const payload = { typeId: 3, content: 'can I exchange?', isPrivate: false };

  test('a shopper asks; the question is listed as theirs', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: `/products/${productId}/questions`, headers: await bearer(other), payload });
    expect(res.statusCode).toBe(201);
    const { id } = res.json();
    const row = await ctx.db.selectFrom('questions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      product_id: productId,
      seller_id: sellerId,
      shopper_id: other,
      type_id: 3,
      content: 'can I exchange?',
      is_private: false,
    });
  });

  test('anonymous → 401, hidden product → 404, unknown type → 400, bad body → 400', async () => {
    expect((await ctx.app.inject({ method: 'POST', url: `/products/${productId}/questions`, payload })).statusCode).toBe(401);
    const headers = await bearer(other);
    expect((await ctx.app.inject({ method: 'POST', url: `/products/${hiddenProductId}/questions`, headers, payload })).statusCode).toBe(
      404,
    );
    const badType = await ctx.app.inject({
      method: 'POST',
      url: `/products/${productId}/questions`,
      headers,
      payload: { ...payload, typeId: 99 },
    });
    expect(badType.statusCode).toBe(400);
    expect(badType.json().error.details).toEqual([{ field: 'typeId', message: expect.any(String) }]);
    for (const body of [
      { ...payload, content: '' },
      { ...payload, content: '   ' },
      { ...payload, content: 'x'.repeat(2001) },
      { ...payload, extra: 1 },
      { typeId: 1 },
    ]) {
      const res = await ctx.app.inject({ method: 'POST', url: `/products/${productId}/questions`, headers, payload: body });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('DELETE /questions/:id', () => {
  test("someone else's question → 403, unknown → 404, own → 204 and gone", async () => {
    const id = await createQuestion(ctx.db, { productId, shopperId: asker });
    expect((await ctx.app.inject({ method: 'DELETE', url: `/questions/${id}` })).statusCode).toBe(401);
    expect((await ctx.app.inject({ method: 'DELETE', url: `/questions/${id}`, headers: await bearer(other) })).statusCode).toBe(403);
    expect((await ctx.app.inject({ method: 'DELETE', url: '/questions/999999', headers: await bearer(asker) })).statusCode).toBe(404);
    const res = await ctx.app.inject({ method: 'DELETE', url: `/questions/${id}`, headers: await bearer(asker) });
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    const row = await ctx.db.selectFrom('questions').select('deleted_at').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.deleted_at).toBeInstanceOf(Date);
    expect((await ctx.app.inject({ method: 'DELETE', url: `/questions/${id}`, headers: await bearer(asker) })).statusCode).toBe(404);
    expect((await list()).items.map((q: { id: number }) => q.id)).not.toContain(id);
  });
});

test('GET /me/questions lists only the caller’s questions with their product, content unmasked', async () => {
  const res = await ctx.app.inject({ method: 'GET', url: '/me/questions', headers: await bearer(asker) });
  expect(res.statusCode).toBe(200);
  expect(res.body).not.toContain(ASKER_LOGIN);
  const body = res.json();
  expect(body.total).toBe(1);
  expect(body.items[0]).toMatchObject({
    id: privateQuestion,
    content: 'my private size question',
    isMine: true,
    answer: { content: 'private answer text' },
    product: { id: productId, name: 'asked about', imageUrl: expect.stringContaining(`products/${sellerId}/`) },
  });
  expect((await ctx.app.inject({ method: 'GET', url: '/me/questions' })).statusCode).toBe(401);
});
