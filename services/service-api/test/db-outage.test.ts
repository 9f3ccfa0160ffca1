import { createDb, sql } from '@brandi/db';
import { startTcpProxy, type TcpProxy } from '@brandi/db/testing';
import type { HttpApp } from '@brandi/http';
import { buildApp } from '../src/app.js';
import { createProduct, createSeller } from '@brandi/db/testing';
import { startTestApp, type TestContext } from './harness.js';

// The shopper API in front of a database that disappears (every connection dropped, new ones refused) or
// whose pool is exhausted: requests must answer 503 within seconds, and recover when the database is back.

let ctx: TestContext;
let proxy: TcpProxy;
let app: HttpApp;
let db: ReturnType<typeof createDb>;
let productId: number;

beforeAll(async () => {
  ctx = await startTestApp();
  productId = await createProduct(ctx.db, await createSeller(ctx.db));
  const url = new URL(ctx.config.DATABASE_URL);
  proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 3306) });
  url.host = `127.0.0.1:${proxy.port}`;
  db = createDb({ url: url.toString(), poolSize: 2, connectTimeoutMs: 1000, acquireTimeoutMs: 1000 });
  app = await buildApp({ config: ctx.config, db, store: ctx.s3.store });
});
afterAll(async () => {
  await app.close();
  await db.destroy();
  await proxy.close();
  await ctx.close();
});

async function timed(url: string) {
  const started = Date.now();
  const res = await app.inject({ method: 'GET', url });
  return { status: res.statusCode, ms: Date.now() - started, body: res.json() };
}

test('the database goes away: 503 quickly on every read, then recovery without a restart', async () => {
  expect((await timed(`/products/${productId}`)).status).toBe(200);
  proxy.cut();
  for (const url of [`/products/${productId}`, '/products', '/categories', '/sellers', `/products/${productId}/questions`]) {
    const res = await timed(url);
    expect({ url, status: res.status, code: res.body.error?.code }).toEqual({ url, status: 503, code: 'UNAVAILABLE' });
    expect(res.ms).toBeLessThan(3000);
  }
  expect((await timed('/health/ready')).status).toBe(503);
  proxy.restore();
  let recovered = 0;
  for (let i = 0; i < 20 && recovered !== 200; i++) recovered = (await timed(`/products/${productId}`)).status;
  expect(recovered).toBe(200);
  expect((await timed('/health/ready')).status).toBe(200);
});

test('an exhausted pool answers 503 after the acquire timeout instead of hanging', async () => {
  const hold = Promise.all([sql`SELECT SLEEP(3)`.execute(db), sql`SELECT SLEEP(3)`.execute(db)]);
  await new Promise((r) => setTimeout(r, 100));
  const res = await timed(`/products/${productId}`);
  expect(res.status).toBe(503);
  expect(res.ms).toBeLessThan(2500);
  await hold;
  expect((await timed(`/products/${productId}`)).status).toBe(200);
});
