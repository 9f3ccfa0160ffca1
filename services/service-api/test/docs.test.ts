import { startTestApp, type TestContext } from './harness.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(() => ctx.close());

test('the OpenAPI document lists every shopper route with its error responses', async () => {
  const doc = (await ctx.app.inject({ method: 'GET', url: '/docs/json' })).json();
  const routes = Object.entries(doc.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, statuses: Object.keys(op.responses) })),
  );
  const expected = [
    'POST /auth/signup',
    'POST /auth/login',
    'GET /categories',
    'GET /products',
    'GET /products/{id}',
    'GET /sellers',
    'GET /sellers/{id}',
    'GET /question-types',
    'GET /products/{id}/questions',
    'POST /products/{id}/questions',
    'DELETE /questions/{id}',
    'GET /me/questions',
  ];
  expect(routes.map((r) => r.route)).toEqual(expect.arrayContaining(expected));
  for (const { route, statuses } of routes.filter((r) => expected.includes(r.route))) {
    expect({ route, hasError: statuses.some((s) => Number(s) >= 400) }).toEqual({ route, hasError: true });
  }
  expect(doc.paths['/auth/login'].post.responses).toHaveProperty('429');
});
