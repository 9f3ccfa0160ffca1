import http from 'node:http';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { type createDb, sql } from '@brandi/db';
import { ensureBenchAdmin, openBenchDatabase, seedOrdersBulk } from '@brandi/demo';
import { createTokenService, TOKEN_ISSUER, type HttpApp } from '@brandi/http';
import { testS3Env } from '@brandi/http/testing';
import { startTestS3 } from '@brandi/storage/testing';
import { percentile, writeSummary } from '../../../scripts/bench/summary.js';
import { buildApp } from '../src/app.js';
import { loadBackofficeApiConfig } from '../src/config.js';
import { SELLER_TOKEN_AUDIENCE } from '../src/plugins/auth.js';
import { buildService, memoryOf, startBuiltServer } from './export-server.js';
import { orderCases, pickOrderValues, type OrderCase } from './orders-cases.js';

// pnpm bench:orders [--products 1000000] [--orders 1000000] [--requests 20] [--export-rows 100000]
// The order desk at scale on the shared bench database (brandi_bench; orders generated once by the bulk loader):
// GET /orders per filter and GET /orders/summary for the busiest seller and for the admin (sequential
// app.inject requests, p50/p95), one 100-item bulk transition (paid → preparing, three times), then the order
// export of the newest ~100k items from the built service in its own process (first byte, total, peak RSS).

const { values: flags } = parseArgs({
  options: {
    products: { type: 'string', default: '1000000' },
    orders: { type: 'string', default: '1000000' },
    requests: { type: 'string', default: '20' },
    'export-rows': { type: 'string', default: '100000' },
  },
});
const REQUESTS = Number(flags.requests);
const TARGETS = { listP95Ms: 150, summaryP95Ms: 50, bulkMs: 1000, exportRssMb: 200 };
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/brandi_bench';
const JWT_SECRET = 'bench-orders-secret-0123456789abcdefghij';
const round = (n: number) => Math.round(n * 10) / 10;

async function timeCase(app: HttpApp, token: string, c: OrderCase) {
  const ms: number[] = [];
  let total: number | undefined;
  for (let i = 0; i <= REQUESTS; i++) {
    const started = performance.now();
    const res = await app.inject({ method: 'GET', url: c.url, headers: { authorization: `Bearer ${token}` } });
    const elapsed = performance.now() - started;
    if (res.statusCode !== 200) throw new Error(`${c.url} answered ${res.statusCode}: ${res.body}`);
    total = res.json().total;
    if (i > 0) ms.push(elapsed);
  }
  const sorted = ms.sort((a, b) => a - b);
  return { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), total };
}

/** 100 paid items (the admin's desk: one seller rarely has 300 paid items waiting) → preparing, three times. */
async function timeBulk(app: HttpApp, db: ReturnType<typeof createDb>, token: string) {
  const runs: number[] = [];
  for (let run = 0; run < 3; run++) {
    const rows = await db
      .selectFrom('order_items')
      .select('id')
      .where('status', '=', 'paid')
      .orderBy('placed_at', 'desc')
      .limit(100)
      .execute();
    const started = performance.now();
    const res = await app.inject({
      method: 'POST',
      url: '/orders/items/transition',
      headers: { authorization: `Bearer ${token}` },
      payload: { itemIds: rows.map((r) => r.id), to: 'preparing' },
    });
    runs.push(round(performance.now() - started));
    if (res.statusCode !== 200) throw new Error(`bulk transition answered ${res.statusCode}: ${res.body}`);
    const failed = res.json().results.filter((r: { ok: boolean }) => !r.ok).length;
    if (failed > 0) throw new Error(`bulk transition: ${failed} of 100 items failed`);
  }
  return runs;
}

function download(port: number, path: string, token: string): Promise<{ bytes: number; firstByteMs: number; totalMs: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let firstByteMs = -1;
    let bytes = 0;
    http
      .get({ host: '127.0.0.1', port, path, headers: { authorization: `Bearer ${token}` } }, (res) => {
        if (res.statusCode !== 200) reject(new Error(`export answered ${res.statusCode}`));
        res.on('data', (chunk: Buffer) => {
          if (firstByteMs < 0) firstByteMs = Math.round(performance.now() - started);
          bytes += chunk.length;
        });
        res.on('end', () => resolve({ bytes, firstByteMs, totalMs: Math.round(performance.now() - started) }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

/** The KST day from which the newest items number about `rows`, and how many that is. */
async function exportWindow(db: ReturnType<typeof createDb>, rows: number): Promise<{ from: string; rows: number }> {
  const edge = await db
    .selectFrom('order_items')
    .select('placed_at')
    .orderBy('placed_at', 'desc')
    .offset(rows - 1)
    .limit(1)
    .executeTakeFirstOrThrow();
  const from = new Date(edge.placed_at.getTime() + 9 * 3600 * 1000).toISOString().slice(0, 10);
  const { rows: counted } = await sql<{
    n: number;
  }>`SELECT COUNT(*) AS n FROM order_items WHERE placed_at >= ${new Date(`${from}T00:00:00+09:00`)}`.execute(db);
  return { from, rows: Number(counted[0].n) };
}

const { db, seeded } = await openBenchDatabase(DATABASE_URL, { products: Number(flags.products), poolSize: 10 });
const placed = await seedOrdersBulk(db, { items: Number(flags.orders) });
console.log(`dataset: ${seeded.productsCreated} products and ${placed.itemsCreated} order items added (${placed.seconds.toFixed(1)} s)`);
const adminId = await ensureBenchAdmin(db, 'bench_orders_admin', 'Bench Orders Admin');
const picks = await pickOrderValues(db);
const s3 = await startTestS3();
const config = loadBackofficeApiConfig({ PORT: '3001', DATABASE_URL, ...testS3Env(s3), JWT_SECRET, LOG_LEVEL: 'warn' });
const app = await buildApp({ config, db, store: s3.store });
await app.ready();
const tokens = createTokenService({ secret: JWT_SECRET, audience: SELLER_TOKEN_AUDIENCE, issuer: TOKEN_ISSUER, ttlSeconds: 3600 });
const token = {
  admin: (await tokens.sign({ sub: String(adminId), role: 'admin' })).accessToken,
  seller: (await tokens.sign({ sub: String(picks.sellerId), role: 'seller' })).accessToken,
};
const results: (OrderCase & { p50: number; p95: number; total?: number; slow: boolean })[] = [];
let bulkMs: number[] = [];
try {
  console.log(
    `seller ${picks.sellerId} (${picks.sellerName}, ${picks.sellerItems} items); ${REQUESTS} sequential requests per case; load average ${loadavg()[0].toFixed(1)}`,
  );
  for (const c of orderCases(picks)) {
    const t = await timeCase(app, token[c.as], c);
    const target = c.name === 'summary' ? TARGETS.summaryP95Ms : TARGETS.listP95Ms;
    results.push({ ...c, ...t, slow: t.p95 > target });
    console.log(
      `${`${c.as} ${c.name}`.padEnd(60)} total ${String(t.total ?? '-').padStart(8)}  p50 ${String(t.p50).padStart(7)}  p95 ${String(t.p95).padStart(7)} ms${t.p95 > target ? `  OVER (≤ ${target})` : ''}`,
    );
  }
  bulkMs = await timeBulk(app, db, token.admin);
  console.log(
    `POST /orders/items/transition (admin), 100 paid items → preparing (3 runs): ${bulkMs.join(', ')} ms (target < ${TARGETS.bulkMs})`,
  );
} finally {
  await app.close();
  await s3.close();
}

const window = await exportWindow(db, Number(flags['export-rows']));
await db.destroy();
buildService();
const server = await startBuiltServer({ DATABASE_URL, JWT_SECRET });
let exported: { rows: number; firstByteMs: number; totalMs: number; peakRssMb: number; mb: number } | undefined;
try {
  const result = await download(server.port, `/orders/export?from=${window.from}`, token.admin);
  const { peakRssMb } = memoryOf(server.pid);
  exported = {
    rows: window.rows,
    firstByteMs: result.firstByteMs,
    totalMs: result.totalMs,
    peakRssMb,
    mb: round(result.bytes / 1024 / 1024),
  };
  console.log(
    `GET /orders/export?from=${window.from} (admin): ${window.rows} rows, ${exported.mb} MB | first byte ${result.firstByteMs} ms | total ${result.totalMs} ms | service peak RSS ${peakRssMb} MB (target ≤ ${TARGETS.exportRssMb})`,
  );
} finally {
  await server.stop();
}

const lists = results.filter((r) => r.name !== 'summary');
const summaries = results.filter((r) => r.name === 'summary');
const worst = [...lists].sort((a, b) => b.p95 - a.p95)[0];
console.log(
  `\n${lists.length} list cases, ${lists.filter((r) => r.slow).length} over 150 ms; worst p95 ${worst.p95} ms (${worst.as} ${worst.name})`,
);
writeSummary('orders', {
  orderItems: Number(flags.orders),
  listWorstP95Ms: worst.p95,
  listWorstCase: `${worst.as} ${worst.name}`,
  listSlowCases: lists.filter((r) => r.slow).map((r) => `${r.as} ${r.name}`),
  summaryWorstP95Ms: Math.max(...summaries.map((r) => r.p95)),
  bulkTransitionMs: bulkMs,
  export: exported,
  cases: results,
});
