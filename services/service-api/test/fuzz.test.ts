import { findResponseProblem, generateHostileRequests } from '@brandi/http/testing';
import { startTestApp, type TestContext } from './harness.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(() => ctx.close());

test('hostile input on every route: no 5xx, always the JSON error envelope, no stack or SQL text', async () => {
  const doc = (await ctx.app.inject({ method: 'GET', url: '/docs/json' })).json();
  const shopper = await ctx.db
    .insertInto('shoppers')
    .values({ login_id: 'fuzzer', password_hash: 'x', name: '퍼저', email: null, phone: null })
    .executeTakeFirstOrThrow();
  const { accessToken } = await ctx.app.tokens.sign({ sub: String(shopper.insertId), role: 'shopper' });
  const requests = [
    ...generateHostileRequests(doc),
    ...generateHostileRequests(doc, { authorization: `Bearer ${accessToken}` }),
    ...generateHostileRequests(doc, { authorization: 'Bearer not.a.token' }),
  ];
  expect(requests.length).toBeGreaterThan(500);
  const problems: string[] = [];
  for (const request of requests) {
    const res = await ctx.app.inject(request);
    const problem = findResponseProblem(res);
    if (problem) problems.push(`${request.method} ${request.url} ${JSON.stringify(request.query ?? '')}: ${problem}`);
  }
  expect(problems).toEqual([]);
}, 180_000);
