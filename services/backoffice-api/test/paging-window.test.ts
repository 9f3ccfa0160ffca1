import { bearerFor, createAdmin } from './sellers.fixtures.js';
import { startTestApp, type TestContext } from './harness.js';

let ctx: TestContext;
let admin: Record<string, string>;

beforeAll(async () => {
  ctx = await startTestApp();
  admin = await bearerFor(ctx.app, await createAdmin(ctx.db), 'admin');
});
afterAll(() => ctx.close());

// API.md, Conventions: page × limit past 10,000 is 400 VALIDATION_FAILED on every offset list.
describe.each(['/products', '/sellers', '/questions'])('GET %s paging window', (path) => {
  it('serves the deepest page inside the window', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: `${path}?page=100&limit=100`, headers: admin });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ items: [], page: 100, limit: 100 });
  });

  it.each(['page=101&limit=100', 'page=501', 'page=10001&limit=1', 'page=9007199254740991'])('refuses %s', async (paging) => {
    const res = await ctx.app.inject({ method: 'GET', url: `${path}?${paging}`, headers: admin });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: {
        code: 'VALIDATION_FAILED',
        message: 'Pages past 10,000 rows are not served; narrow the filters',
        details: [{ field: 'page', message: 'page × limit must be at most 10000' }],
      },
    });
  });
});

test('the OpenAPI document states the window on every paged list', async () => {
  const doc = (await ctx.app.inject({ method: 'GET', url: '/docs/json' })).json();
  for (const path of ['/products', '/sellers', '/questions']) {
    const page = doc.paths[path].get.parameters.find((p: { name: string }) => p.name === 'page');
    expect(page.description).toContain('10,000');
  }
});
