import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs } from 'kysely';
import type { HttpApp } from '@brandi/http';
import { backofficeApi } from '../src/app.js';
import { XLSX_CONTENT_TYPE } from '../src/routes/products/export/workbook.js';
import { startTestApp, type TestContext } from './harness.js';
import { bearerFor, createAdmin, createProduct, createSeller } from './sellers.fixtures.js';

/** Counts the statements that read the products table, whatever path they take (builder or streamed batches). */
class ProductQueryCounter implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs) {
    if (JSON.stringify(args.node).includes('"name":"products"')) this.count++;
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs) {
    return args.result;
  }
}

let ctx: TestContext;
let app: HttpApp;
const counter = new ProductQueryCounter();
let admin: Record<string, string>;
beforeAll(async () => {
  ctx = await startTestApp();
  // The same pool, seen through the counter (withPlugin shares the driver).
  app = await backofficeApi.buildApp({ config: ctx.config, db: ctx.db.withPlugin(counter), store: ctx.s3.store });
  await createProduct(ctx.db, await createSeller(ctx.db), { name: '헤드 요청' });
  admin = await bearerFor(app, await createAdmin(ctx.db), 'admin');
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

test('GET /products/export reads products (what the HEAD test counts)', async () => {
  counter.count = 0;
  const res = await app.inject({ method: 'GET', url: '/products/export', headers: admin });
  expect(res.statusCode).toBe(200);
  expect(counter.count).toBeGreaterThan(0);
});

test('HEAD /products/export answers the download headers without running the export', async () => {
  counter.count = 0;
  const res = await app.inject({ method: 'HEAD', url: '/products/export?sellerName=헤드&ids=1,2', headers: admin });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toBe(XLSX_CONTENT_TYPE);
  expect(res.headers['content-disposition']).toMatch(/^attachment; filename=/);
  expect(res.headers['cache-control']).toBe('no-store');
  expect(res.body).toBe('');
  expect(counter.count).toBe(0);
});

test('HEAD /products/export checks the token and the query as GET does', async () => {
  expect((await app.inject({ method: 'HEAD', url: '/products/export' })).statusCode).toBe(401);
  expect((await app.inject({ method: 'HEAD', url: '/products/export?ids=x', headers: admin })).statusCode).toBe(400);
  expect((await app.inject({ method: 'HEAD', url: '/products/export?nope=1', headers: admin })).statusCode).toBe(400);
  expect(counter.count).toBe(0);
});
