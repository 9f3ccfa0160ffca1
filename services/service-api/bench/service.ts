import { parseArgs } from 'node:util';
import { sql } from '@brandi/db';
import autocannon from 'autocannon';
import { openBenchDatabase } from '@brandi/demo';
import { rotatingRequests } from '../../../scripts/bench/rotating-requests.js';
import { writeSummary } from '../../../scripts/bench/summary.js';
import { hostileCases, printHostileTable, TARGET_P95_MS, timeHostileCase, type HostileTiming } from './hostile-cases.js';
import { startServer } from './server-process.js';

// pnpm bench:service [--products 1000000] [--duration 10] [--connections 16] [--pool 10] [--requests 100]
// Seeds (or reuses) a catalogue in its own database, then load-tests the shopper routes and a raw-mysql2
// baseline running the feed's SQL, each in its own process, and prints req/s, p50/p99 and the ratio. Then
// times hostile anonymous requests (no-match, rare and common words, empty price ranges, the deepest page),
// `--requests` sequential requests each, and prints p50/p95/max per case against the 100 ms p95 target.

const { values: flags } = parseArgs({
  options: {
    products: { type: 'string', default: '1000000' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '16' },
    pool: { type: 'string', default: '10' },
    requests: { type: 'string', default: '100' },
  },
});
const PRODUCTS = Number(flags.products);
const DURATION = Number(flags.duration);
const CONNECTIONS = Number(flags.connections);
const POOL = flags.pool;
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/brandi_bench';
const log = (line: string) => console.log(line);

interface Row {
  name: string;
  reqPerSec: number;
  p50: number;
  p99: number;
  non2xx: number;
}

async function load(name: string, base: string, paths: string[]): Promise<Row> {
  const result = await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: DURATION,
    requests: rotatingRequests(paths),
  });
  const row = {
    name,
    reqPerSec: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx + result.errors,
  };
  log(
    `  ${name.padEnd(44)} ${row.reqPerSec.toFixed(0).padStart(7)} req/s   p50 ${String(row.p50).padStart(4)} ms   p99 ${String(row.p99).padStart(4)} ms${row.non2xx ? `   NON-2XX ${row.non2xx}` : ''}`,
  );
  return row;
}

async function fetchJson(url: string): Promise<any> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
  return res.json();
}

const { db, seeded } = await openBenchDatabase(DATABASE_URL, { products: PRODUCTS, poolSize: 2 });
log(`dataset: ${seeded.productsCreated} products added in ${seeded.seconds.toFixed(1)} s`);
const total = Number(
  (
    await db
      .selectFrom('products')
      .select((eb) => eb.fn.max('id').as('max'))
      .executeTakeFirstOrThrow()
  ).max,
);

// The busiest first category and visible products sampled across the id range (each has questions).
const busiest = await db
  .selectFrom('products')
  .select(['first_category_id', (eb) => eb.fn.countAll<number>().as('n')])
  .groupBy('first_category_id')
  .orderBy('n', 'desc')
  .limit(1)
  .executeTakeFirstOrThrow();
const visible = (ids: number[]) =>
  db
    .selectFrom('products as p')
    .innerJoin('sellers as s', 's.id', 'p.seller_id')
    .select('p.id')
    .where('p.id', 'in', ids)
    .where('p.is_displayed', '=', true)
    .where('p.deleted_at', 'is', null)
    .where('s.status', '=', 'active')
    .execute();
const step = Math.max(1, Math.floor(total / 2000));
const detailIds = (await visible(Array.from({ length: 2000 }, (_, i) => 1 + i * step))).map((r) => r.id);
const { count } = await sql<{ count: number }>`SELECT COUNT(*) AS count FROM products`.execute(db).then((r) => r.rows[0]);
const hostile = await hostileCases(db);
await db.destroy();
log(
  `dataset: ${count} products in ${new URL(DATABASE_URL).pathname.slice(1)}; first category ${busiest.first_category_id} holds ${busiest.n}`,
);
log(`load: ${CONNECTIONS} connections, ${DURATION} s per route, DB pool ${POOL} per server\n`);

const service = await startServer('service', { databaseUrl: DATABASE_URL, pool: POOL });
const raw = await startServer('raw', { databaseUrl: DATABASE_URL, pool: POOL });
try {
  const listPath = `/products?firstCategoryId=${busiest.first_category_id}&sort=newest&limit=60`;
  // Page 200 (or the last page of a smaller dataset) by walking the cursor.
  let cursor: string | null = null;
  let deepPage = 1;
  for (let page = 1; page < 200; page++) {
    const body: { nextCursor: string | null } = await fetchJson(`${service.base}${listPath}${cursor ? `&cursor=${cursor}` : ''}`);
    if (body.nextCursor === null) break;
    cursor = body.nextCursor;
    deepPage = page + 1;
  }
  const deepPath = cursor === null ? listPath : `${listPath}&cursor=${cursor}`;
  // Warm both servers and the buffer pool before measuring.
  await autocannon({ url: service.base, connections: CONNECTIONS, duration: 2, requests: [{ method: 'GET', path: listPath }] });
  await autocannon({ url: raw.base, connections: CONNECTIONS, duration: 2, requests: [{ method: 'GET', path: `/raw${listPath}` }] });

  const rows: Row[] = [];
  log('route                                          throughput   latency');
  // Interleaved three times so drift (buffer pool, other load) falls on both sides equally.
  const pairs: Row[][] = [];
  for (let round = 1; round <= 3; round++) {
    pairs.push([
      await load(`GET /products category newest (round ${round})`, service.base, [listPath]),
      await load(`raw mysql2 same SQL (round ${round})`, raw.base, [`/raw${listPath}`]),
    ]);
  }
  rows.push(...pairs.flat());
  rows.push(await load(`GET /products page ${deepPage} via cursor`, service.base, [deepPath]));
  rows.push(await load('GET /products (recommended, no filter)', service.base, ['/products']));
  rows.push(
    await load(
      'GET /products/:id',
      service.base,
      detailIds.map((id) => `/products/${id}`),
    ),
  );
  rows.push(await load('GET /categories', service.base, ['/categories']));
  rows.push(
    await load(
      'GET /products/:id/questions',
      service.base,
      detailIds.map((id) => `/products/${id}/questions`),
    ),
  );
  rows.push(await load('GET /sellers', service.base, ['/sellers']));

  log(`\nhostile anonymous requests: ${flags.requests} sequential requests per case; target p95 ≤ ${TARGET_P95_MS} ms`);
  const hostileRows: HostileTiming[] = [];
  for (const c of hostile) hostileRows.push(await timeHostileCase(service.base, c, Number(flags.requests)));
  printHostileTable(hostileRows, log);
  const worstHostile = hostileRows.reduce((a, b) => (b.p95 > a.p95 ? b : a));

  const serviceRps = pairs.reduce((sum, [s]) => sum + s.reqPerSec, 0);
  const rawRps = pairs.reduce((sum, [, r]) => sum + r.reqPerSec, 0);
  log(`\nservice / raw baseline (category newest, 60 items): ${(serviceRps / rawRps).toFixed(2)}x`);
  const page1 = pairs.reduce((sum, [s]) => sum + s.reqPerSec, 0) / pairs.length;
  log(`page ${deepPage} / page 1 throughput: ${(rows.find((r) => r.name.includes(`page ${deepPage} `))!.reqPerSec / page1).toFixed(2)}x`);
  writeSummary('service', {
    products: count,
    ratio: serviceRps / rawRps,
    serviceRps: serviceRps / pairs.length,
    rawRps: rawRps / pairs.length,
    non2xx: rows.reduce((sum, r) => sum + r.non2xx, 0),
    hostileWorstP95Ms: worstHostile.p95,
    hostileWorstCase: worstHostile.name,
    hostileOverTarget: hostileRows.filter((r) => r.over).map((r) => r.name),
    hostile: hostileRows,
  });
  if (rows.some((r) => r.non2xx > 0)) process.exitCode = 1;
} finally {
  await service.stop();
  await raw.stop();
}
