import { parseArgs } from 'node:util';
import { openBenchDatabase } from '@brandi/demo';
import autocannon from 'autocannon';
import { rotatingRequests } from '../../../scripts/bench/rotating-requests.js';
import { writeSummary } from '../../../scripts/bench/summary.js';
import { buildShopperMix } from './load-paths.js';
import { startServer } from './server-process.js';

// pnpm bench:load [--products 1000000] [--connections 200] [--duration 30] [--pool 10] [--cache-ttl 5000]
// 200 connections of mixed shopper traffic against the service-api in its own process, once with the read
// cache off and once with CACHE_TTL_MS; prints throughput, latency, errors and non-2xx answers of each.

const { values: flags } = parseArgs({
  options: {
    products: { type: 'string', default: '1000000' },
    connections: { type: 'string', default: '200' },
    duration: { type: 'string', default: '30' },
    pool: { type: 'string', default: '10' },
    'cache-ttl': { type: 'string', default: '5000' },
  },
});
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/brandi_bench';
const CONNECTIONS = Number(flags.connections);
const DURATION = Number(flags.duration);

interface Run {
  label: string;
  reqPerSec: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
}

async function runLoad(label: string, cacheTtlMs: number, paths: string[]): Promise<Run> {
  const server = await startServer('service', { databaseUrl: DATABASE_URL, pool: flags.pool, cacheTtlMs });
  try {
    const requests = rotatingRequests(paths);
    // A short warm-up so both runs start with the same buffer pool and JIT state.
    await autocannon({ url: server.base, connections: 20, duration: 3, requests });
    const result = await autocannon({ url: server.base, connections: CONNECTIONS, duration: DURATION, requests });
    const statusCodes = Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, (stat as { count: number }).count]),
    );
    const run: Run = {
      label,
      reqPerSec: Math.round(result.requests.average),
      p50: result.latency.p50,
      p99: result.latency.p99,
      requests: result.requests.total,
      errors: result.errors,
      timeouts: result.timeouts,
      non2xx: result.non2xx,
      statusCodes,
    };
    console.log(
      `  ${label.padEnd(22)} ${String(run.reqPerSec).padStart(6)} req/s   p50 ${String(run.p50).padStart(4)} ms   p99 ${String(run.p99).padStart(5)} ms   ` +
        `${run.requests} requests, errors ${run.errors} (timeouts ${run.timeouts}), non-2xx ${run.non2xx}   status ${JSON.stringify(statusCodes)}`,
    );
    return run;
  } finally {
    await server.stop();
  }
}

const { db, seeded } = await openBenchDatabase(DATABASE_URL, { products: Number(flags.products), poolSize: 2 });
console.log(`dataset: ${seeded.productsCreated} products added in ${seeded.seconds.toFixed(1)} s`);
const paths = await buildShopperMix(db);
await db.destroy();
const share = (prefix: RegExp) => `${Math.round((paths.filter((p) => prefix.test(p)).length / paths.length) * 100)}%`;
console.log(
  `mixed shopper traffic: ${paths.length} request paths (taken in turn by all connections) (feeds ${share(/^\/products\?/)}, detail ${share(/^\/products\/\d+$/)}, ` +
    `Q&A ${share(/questions/)}, categories ${share(/^\/categories/)}, sellers ${share(/^\/sellers/)})`,
);
console.log(`load: ${CONNECTIONS} connections for ${DURATION} s, DB pool ${flags.pool}; target: zero errors and zero non-2xx\n`);

const off = await runLoad('cache off', 0, paths);
const on = await runLoad(`CACHE_TTL_MS=${flags['cache-ttl']}`, Number(flags['cache-ttl']), paths);
const gain = on.reqPerSec / off.reqPerSec;
console.log(`\nread cache gain: ${gain.toFixed(2)}x req/s, p99 ${off.p99} → ${on.p99} ms`);
const clean = [off, on].every((r) => r.errors === 0 && r.non2xx === 0);
console.log(clean ? 'zero errors and zero non-2xx in both runs (ok)' : 'ERRORS or non-2xx answers (target: zero)');
writeSummary('load', { connections: CONNECTIONS, duration: DURATION, off, on, cacheGain: gain, clean });
if (!clean) process.exitCode = 1;
