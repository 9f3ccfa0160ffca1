import { findResponseProblem, generateHostileRequests } from '@brandi/http/testing';
import { startTestApp, type TestContext } from './harness.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(() => ctx.close());

async function tokenFor(loginId: string, role: 'seller' | 'admin'): Promise<string> {
  const r = await ctx.db
    .insertInto('sellers')
    .values({ login_id: loginId, password_hash: 'x', role, status: 'active', attribute_id: role === 'admin' ? null : 1, name_ko: loginId, name_en: loginId })
    .executeTakeFirstOrThrow();
  return (await ctx.app.tokens.sign({ sub: String(r.insertId), role })).accessToken;
}

test('hostile input on every route: no 5xx, always the JSON error envelope, no stack or SQL text', async () => {
  const doc = (await ctx.app.inject({ method: 'GET', url: '/docs/json' })).json();
  const seller = await tokenFor('fuzz_seller', 'seller');
  const admin = await tokenFor('fuzz_admin', 'admin');
  const requests = [
    ...generateHostileRequests(doc),
    ...generateHostileRequests(doc, { authorization: `Bearer ${seller}` }),
    ...generateHostileRequests(doc, { authorization: `Bearer ${admin}` }),
  ];
  expect(requests.length).toBeGreaterThan(500);
  const problems: string[] = [];
  for (const request of requests) {
    const res = await ctx.app.inject(request);
    const problem = findResponseProblem(res);
    if (problem) problems.push(`${request.method} ${request.url} ${JSON.stringify(request.query ?? '')}: ${problem}`);
  }
  expect(problems).toEqual([]);
}, 300_000);
