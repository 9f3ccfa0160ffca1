import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { createDb, sql } from '@brandi/db';
import { buildApp } from '../src/app.js';
import { insertManyProducts } from './export.fixtures.js';
import { startTestApp, testConfig, type TestContext } from './harness.js';
import { bearerFor, createAdmin, createSeller } from './sellers.fixtures.js';

let ctx: TestContext;
let admin: number;

beforeAll(async () => {
  ctx = await startTestApp();
  admin = await createAdmin(ctx.db);
  await insertManyProducts(ctx.db, await createSeller(ctx.db), 20_000, new Date('2026-04-01T00:00:00.000Z'), 'DISC');
});
afterAll(() => ctx.close());

async function waitUntil(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Starts a download, reads the first chunk, then drops the socket. */
function downloadFirstChunk(port: number, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/products/export', headers }, (res) => {
      res.once('data', () => {
        req.destroy();
        resolve(res.statusCode ?? 0);
      });
    });
    req.on('error', (err) => (req.destroyed ? undefined : reject(err)));
  });
}

test('a client that disconnects mid-download stops the export and frees its DB connection', async () => {
  const lines: string[] = [];
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  // A pool of one connection: if the export kept it, the follow-up query below would time out.
  const db = createDb({ url: ctx.config.DATABASE_URL, poolSize: 1, acquireTimeoutMs: 2000 });
  const app = await buildApp({
    config: testConfig(ctx.s3, ctx.config.DATABASE_URL, { LOG_LEVEL: 'info' }),
    db,
    store: ctx.s3.store,
    logStream,
  });
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    expect(await downloadFirstChunk(port, await bearerFor(app, admin, 'admin'))).toBe(200);

    await waitUntil(() => lines.some((line) => line.includes('product export abandoned by the client')), 5000);
    expect(lines.some((line) => line.includes('product export finished'))).toBe(false);

    const started = Date.now();
    const { rows } = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM products`.execute(db);
    expect(Number(rows[0].n)).toBe(20_000);
    expect(Date.now() - started).toBeLessThan(1000);
    const stuck = await sql<{ n: number }>`
      SELECT COUNT(*) AS n FROM information_schema.processlist
      WHERE db = DATABASE() AND info LIKE '%STRAIGHT_JOIN%' AND id <> CONNECTION_ID()`.execute(ctx.db);
    expect(Number(stuck.rows[0].n)).toBe(0);
  } finally {
    await app.close();
    await db.destroy();
  }
});
