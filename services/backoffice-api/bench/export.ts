import http from 'node:http';
import { loadavg } from 'node:os';
import { createDb, ensureDatabase, migrateToLatest } from '@brandi/db';
import { createTokenService, TOKEN_ISSUER } from '@brandi/http';
import { ensureBenchAdmin, seedBulk } from '@brandi/demo';
import { writeSummary } from '../../../scripts/bench/summary.js';
import { SELLER_TOKEN_AUDIENCE } from '../src/plugins/auth.js';
import { buildService, cpuSecondsOf, memoryOf, startBuiltServer, type RunningServer } from './export-server.js';

// pnpm bench:export: 100k products in their own database (the shared bulk generator of @brandi/demo; reused
// once seeded), then GET /products/export of all of them from the built service in its own process, twice
// (cold, then warm), reporting time to first byte, total time and the service process's peak RSS.

const PRODUCTS = 100_000;
const TARGETS = { firstByteMs: 500, totalMs: 3000, peakRssMb: 200 };
const JWT_SECRET = 'bench-export-secret-0123456789abcdefghij';
const ADMIN_LOGIN = 'bench_export_admin';

function benchDatabaseUrl(): string {
  const url = new URL(process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306');
  url.pathname = '/brandi_bench_export';
  return url.toString();
}

/** Seeds (or reuses) the catalogue; returns the admin's id and how many rows the export should hold. */
async function prepare(url: string): Promise<{ admin: number; rows: number }> {
  await ensureDatabase(url);
  const db = createDb({ url, poolSize: 2 });
  try {
    await migrateToLatest(db);
    const seeded = await seedBulk(db, undefined, { products: PRODUCTS });
    console.log(`catalogue ready: ${seeded.productsCreated} products added in ${seeded.seconds.toFixed(1)} s`);
    const live = await db
      .selectFrom('products')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('deleted_at', 'is', null)
      .executeTakeFirstOrThrow();
    return { admin: await ensureBenchAdmin(db, ADMIN_LOGIN, 'Bench Export Admin'), rows: Number(live.n) };
  } finally {
    await db.destroy();
  }
}

function download(server: RunningServer, token: string): Promise<{ bytes: number; firstByteMs: number; totalMs: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let firstByteMs = -1;
    let bytes = 0;
    const req = http.get(
      { host: '127.0.0.1', port: server.port, path: '/products/export', headers: { authorization: `Bearer ${token}` } },
      (res) => {
        if (res.statusCode !== 200) reject(new Error(`export answered ${res.statusCode}`));
        res.on('data', (chunk: Buffer) => {
          if (firstByteMs < 0) firstByteMs = Math.round(performance.now() - started);
          bytes += chunk.length;
        });
        res.on('end', () => resolve({ bytes, firstByteMs, totalMs: Math.round(performance.now() - started) }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
  });
}

const verdict = (value: number, target: number) => `${value <= target ? 'ok' : 'OVER'}, target ≤ ${target}`;

const url = benchDatabaseUrl();
const { admin, rows } = await prepare(url);
buildService();
const server = await startBuiltServer({ DATABASE_URL: url, JWT_SECRET });
try {
  const tokens = createTokenService({ secret: JWT_SECRET, audience: SELLER_TOKEN_AUDIENCE, issuer: TOKEN_ISSUER, ttlSeconds: 600 });
  const { accessToken } = await tokens.sign({ sub: String(admin), role: 'admin' });
  console.log(
    `backoffice-api (pnpm start: node ${server.args.join(' ')}, pid ${server.pid}) idle RSS ${memoryOf(server.pid).rssMb} MB; load average ${loadavg()[0].toFixed(2)}`,
  );
  const runs: Record<string, { firstByteMs: number; totalMs: number; peakRssMb: number }> = {};
  for (const run of ['cold', 'warm']) {
    const cpuBefore = cpuSecondsOf(server.pid);
    const result = await download(server, accessToken);
    const cpu = cpuSecondsOf(server.pid) - cpuBefore;
    const { peakRssMb } = memoryOf(server.pid);
    runs[run] = { firstByteMs: result.firstByteMs, totalMs: result.totalMs, peakRssMb };
    console.log(
      `export (${run}): ${rows} rows, ${(result.bytes / 1024 / 1024).toFixed(1)} MB xlsx | ` +
        `first byte ${result.firstByteMs} ms (${verdict(result.firstByteMs, TARGETS.firstByteMs)}) | ` +
        `total ${result.totalMs} ms (${verdict(result.totalMs, TARGETS.totalMs)}) | ` +
        `service peak RSS ${peakRssMb} MB (${verdict(peakRssMb, TARGETS.peakRssMb)}) | service CPU ${cpu.toFixed(2)} s`,
    );
  }
  writeSummary('export', { rows, ...runs });
} finally {
  await server.stop();
}
