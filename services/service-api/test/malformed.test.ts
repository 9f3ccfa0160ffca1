import type { InjectOptions } from 'fastify';
import { createProduct, createSeller, createShopper } from '@brandi/db/testing';
import { startTestApp, type TestContext } from './harness.js';

let ctx: TestContext;
let auth: Record<string, string>;
let productId = 0;
const huge = 'x'.repeat(20_000);

beforeAll(async () => {
  ctx = await startTestApp();
  productId = await createProduct(ctx.db, await createSeller(ctx.db));
  const { accessToken } = await ctx.app.tokens.sign({ sub: String(await createShopper(ctx.db)), role: 'shopper' });
  auth = { authorization: `Bearer ${accessToken}` };
});
afterAll(() => ctx.close());

type Case = [string, () => InjectOptions];
const get =
  (url: string, withAuth = false): (() => InjectOptions) =>
  () => ({ method: 'GET', url, headers: withAuth ? auth : {} });

const cases: Case[] = [
  ['products: limit 0', get('/products?limit=0')],
  ['products: limit 101', get('/products?limit=101')],
  ['products: limit not a number', get('/products?limit=ten')],
  ['products: unknown parameter', get('/products?categoryId=1')],
  ['products: unknown sort', get('/products?sort=cheapest')],
  ['products: onSale not boolean', get('/products?onSale=maybe')],
  ['products: negative price', get('/products?minPrice=-1')],
  ['products: fractional id', get('/products?sellerId=1.5')],
  ['products: huge q', get(`/products?q=${huge}`)],
  ['products: huge cursor', get(`/products?cursor=${huge}`)],
  ['product: non-numeric id', get('/products/abc')],
  ['product: zero id', get('/products/0')],
  ['product: id beyond INT UNSIGNED', get('/products/99999999999999')],
  ['categories: unknown parameter', get('/categories?all=1')],
  ['sellers: page 0', get('/sellers?page=0')],
  ['sellers: limit 1000', get('/sellers?limit=1000')],
  ['sellers: page past the 10,000-row window', get('/sellers?page=101&limit=100')],
  ['sellers: default limit past the window', get('/sellers?page=501')],
  ['sellers: unknown group', get('/sellers?group=food')],
  ['sellers: unknown parameter', get('/sellers?status=paused')],
  ['sellers: huge q', get(`/sellers?q=${huge}`)],
  ['seller: non-numeric id', get('/sellers/x')],
  ['question-types: unknown parameter', get('/question-types?x=1')],
  ['questions: typeId not a number', get(`/products/${productId}/questions?typeId=a`)],
  ['questions: answered not boolean', get(`/products/${productId}/questions?answered=perhaps`)],
  ['questions: limit 101', get(`/products/${productId}/questions?limit=101`)],
  ['questions: page past the window', get(`/products/${productId}/questions?page=10001&limit=1`)],
  ['questions: unknown parameter', get(`/products/${productId}/questions?private=true`)],
  ['me/questions: unknown parameter', get('/me/questions?all=true', true)],
  ['me/questions: page -1', get('/me/questions?page=-1', true)],
  ['me/questions: page past the window', get('/me/questions?page=201&limit=50', true)],
  [
    'ask: typeId a string',
    () => ({
      method: 'POST',
      url: `/products/${productId}/questions`,
      headers: auth,
      payload: { typeId: '1', content: 'hi', isPrivate: false },
    }),
  ],
  [
    'ask: isPrivate a string',
    () => ({
      method: 'POST',
      url: `/products/${productId}/questions`,
      headers: auth,
      payload: { typeId: 1, content: 'hi', isPrivate: 'yes' },
    }),
  ],
  [
    'ask: huge content',
    () => ({
      method: 'POST',
      url: `/products/${productId}/questions`,
      headers: auth,
      payload: { typeId: 1, content: huge, isPrivate: false },
    }),
  ],
  [
    'ask: body not JSON',
    () => ({
      method: 'POST',
      url: `/products/${productId}/questions`,
      headers: { ...auth, 'content-type': 'application/json' },
      payload: '{nope',
    }),
  ],
  ['delete: non-numeric id', () => ({ method: 'DELETE', url: '/questions/abc', headers: auth })],
  ['signup: array body', () => ({ method: 'POST', url: '/auth/signup', payload: [1, 2] })],
  ['signup: huge name', () => ({ method: 'POST', url: '/auth/signup', payload: { loginId: 'abcd', password: 'secret123', name: huge } })],
  ['login: missing password', () => ({ method: 'POST', url: '/auth/login', payload: { loginId: 'abcd' } })],
  ['login: huge login id', () => ({ method: 'POST', url: '/auth/login', payload: { loginId: huge, password: 'x' } })],
  ['login: unknown field', () => ({ method: 'POST', url: '/auth/login', payload: { loginId: 'abcd', password: 'x', remember: true } })],
];

test.each(cases)('%s → 400 VALIDATION_FAILED envelope', async (_label, request) => {
  const res = await ctx.app.inject(request());
  expect(res.statusCode).toBe(400);
  expect(res.headers['content-type']).toMatch(/application\/json/);
  const body = res.json();
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error).toEqual({ code: 'VALIDATION_FAILED', message: expect.any(String), details: expect.any(Array) });
  expect(res.body).not.toMatch(/ER_|sql|stack|at \w+ \(/i);
});

test('offset lists serve up to 10,000 rows and refuse past them naming the page', async () => {
  for (const url of ['/sellers?page=100&limit=100', `/products/${productId}/questions?page=500`]) {
    expect((await ctx.app.inject({ method: 'GET', url })).statusCode).toBe(200);
  }
  expect((await ctx.app.inject({ method: 'GET', url: '/me/questions?page=10000&limit=1', headers: auth })).statusCode).toBe(200);
  const res = await ctx.app.inject({ method: 'GET', url: '/sellers?page=101&limit=100' });
  expect(res.json().error).toEqual({
    code: 'VALIDATION_FAILED',
    message: 'Pages past 10,000 rows are not served; narrow the filters',
    details: [{ field: 'page', message: 'page × limit must be at most 10000' }],
  });
});
