import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { openBenchDatabase } from '@brandi/demo';
import { writeSummary } from '../../../scripts/bench/summary.js';
import { buildShopperMix } from './load-paths.js';
import { formatFigures, LABEL_WIDTH, loadAcross, loadFigures, MERGE_NOTE, type LoadFigures } from './load-run.js';
import { startServer, TASKSET_AVAILABLE, type Server } from './server-process.js';

// pnpm bench:load [--products 1000000] [--connections 200] [--duration 30] [--warmup 3] [--pool 10] [--cache-ttl 5000]
//                 [--redis-url redis://127.0.0.1:6379/12] [--only off,on,two-off,two-on,hot-off,hot-on,two-hot-off,two-hot-on] [--unpinned]
// 200 connections of shopper traffic against the service-api in their own processes, each pinned to one core with
// taskset where it exists: mixed traffic on one instance with the read cache off and with CACHE_TTL_MS, on two
// instances sharing Redis (connections split evenly) off and on, and the hot routes alone (category feed first
// pages, product details) on one instance and on two instances with Redis, off and on, whose gains have a target of 5x. Prints throughput, latency,
// errors and non-2xx answers of each run.

const RUN_NAMES = ['off', 'on', 'two-off', 'two-on', 'hot-off', 'hot-on', 'two-hot-off', 'two-hot-on'] as const;
type RunName = (typeof RUN_NAMES)[number];
const { values: flags } = parseArgs({
  options: {
    products: { type: 'string', default: '1000000' },
    connections: { type: 'string', default: '200' },
    duration: { type: 'string', default: '30' },
    warmup: { type: 'string', default: '3' },
    pool: { type: 'string', default: '10' },
    'cache-ttl': { type: 'string', default: '5000' },
    'redis-url': { type: 'string', default: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/12' },
    only: { type: 'string', default: RUN_NAMES.join(',') },
    unpinned: { type: 'boolean', default: false },
  },
});
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/brandi_bench';
const CONNECTIONS = Number(flags.connections);
const DURATION = Number(flags.duration);
const CACHE_TTL = Number(flags['cache-ttl']);
const REDIS_URL = flags['redis-url'] || undefined;
const HOT_TARGET = 5;
const selected = new Set(flags.only.split(',').map((name) => name.trim()));
const unknown = [...selected].filter((name) => !RUN_NAMES.includes(name as RunName));
if (unknown.length) throw new Error(`--only: unknown run ${unknown.join(', ')} (runs: ${RUN_NAMES.join(', ')})`);

interface RunSpec {
  name: RunName;
  label: string;
  instances: number;
  cacheTtlMs: number;
  redis: boolean;
  hot: boolean;
}
const ttl = `CACHE_TTL_MS=${CACHE_TTL}`;
const redisLabel = REDIS_URL ? ' + Redis' : ', no Redis';
const RUNS: RunSpec[] = [
  { name: 'off', label: '1 instance, cache off', instances: 1, cacheTtlMs: 0, redis: false, hot: false },
  { name: 'on', label: `1 instance, ${ttl}`, instances: 1, cacheTtlMs: CACHE_TTL, redis: false, hot: false },
  { name: 'two-off', label: `2 instances${redisLabel}, cache off`, instances: 2, cacheTtlMs: 0, redis: true, hot: false },
  { name: 'two-on', label: `2 instances${redisLabel}, ${ttl}`, instances: 2, cacheTtlMs: CACHE_TTL, redis: true, hot: false },
  { name: 'hot-off', label: 'hot routes, 1 instance, cache off', instances: 1, cacheTtlMs: 0, redis: false, hot: true },
  { name: 'hot-on', label: `hot routes, 1 instance, ${ttl}`, instances: 1, cacheTtlMs: CACHE_TTL, redis: false, hot: true },
  { name: 'two-hot-off', label: `hot routes, 2 instances${redisLabel}, cache off`, instances: 2, cacheTtlMs: 0, redis: true, hot: true },
  {
    name: 'two-hot-on',
    label: `hot routes, 2 instances${redisLabel}, ${ttl}`,
    instances: 2,
    cacheTtlMs: CACHE_TTL,
    redis: true,
    hot: true,
  },
];

/** One redis-cli command against the bench's Redis database; undefined when redis-cli or Redis is missing. */
function redis(...args: string[]): string | undefined {
  if (!REDIS_URL) return undefined;
  const result = spawnSync('redis-cli', ['-u', REDIS_URL, ...args], { encoding: 'utf8' });
  const out = result.stdout?.trim();
  return result.status === 0 && out && !out.startsWith('ERR') && !out.startsWith('Could not connect') ? out : undefined;
}

const CORES = availableParallelism();
const pinning = flags.unpinned ? 'off (--unpinned)' : TASKSET_AVAILABLE ? `instance i on core i mod ${CORES}` : 'no taskset: unpinned';

async function runLoad(spec: RunSpec, paths: string[]): Promise<LoadFigures & { placement: string[]; redisKeys?: number }> {
  const redisUrl = spec.redis ? REDIS_URL : undefined;
  if (redisUrl && redis('FLUSHDB') !== 'OK') console.log(`  (could not FLUSHDB ${redisUrl}: redis-cli missing or Redis down)`);
  const servers: Server[] = [];
  try {
    for (let i = 0; i < spec.instances; i++) {
      const core = flags.unpinned ? undefined : i % CORES;
      servers.push(
        await startServer('service', { databaseUrl: DATABASE_URL, pool: flags.pool, cacheTtlMs: spec.cacheTtlMs, redisUrl, core }),
      );
    }
    const bases = servers.map((s) => s.base);
    // A short warm-up so every run starts with the same buffer pool and JIT state.
    await loadAcross(bases, 20, Number(flags.warmup), paths);
    const figures = loadFigures(spec.label, bases, await loadAcross(bases, CONNECTIONS, DURATION, paths));
    const keys = redisUrl ? Number(redis('DBSIZE')) : undefined;
    console.log(formatFigures(figures));
    const where = servers.map((s) => s.placement).join(', ');
    // Until the service keeps its read cache in Redis, a cache-on run leaves no keys there: say so.
    const unshared = keys === 0 && spec.cacheTtlMs > 0 ? ' (none: each instance cached in its own process)' : '';
    const keyNote = keys === undefined ? '' : `; Redis keys after the run: ${Number.isNaN(keys) ? 'n/a' : keys}${unshared}`;
    console.log(`  ${''.padEnd(LABEL_WIDTH)} placement: ${where}${keyNote}`);
    return { ...figures, placement: servers.map((s) => s.placement), ...(keys === undefined ? {} : { redisKeys: keys }) };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

const { db, seeded } = await openBenchDatabase(DATABASE_URL, { products: Number(flags.products), poolSize: 2 });
console.log(`dataset: ${seeded.productsCreated} products added in ${seeded.seconds.toFixed(1)} s`);
const paths = await buildShopperMix(db);
const hotPaths = await buildShopperMix(db, { hotOnly: true });
await db.destroy();
const share = (prefix: RegExp, list = paths) => `${Math.round((list.filter((p) => prefix.test(p)).length / list.length) * 100)}%`;
console.log(
  `mixed shopper traffic: ${paths.length} request paths (taken in turn by all connections) (feeds ${share(/^\/products\?/)}, detail ${share(/^\/products\/\d+$/)}, ` +
    `Q&A ${share(/questions/)}, categories ${share(/^\/categories/)}, sellers ${share(/^\/sellers/)})`,
);
console.log(
  `hot routes: ${hotPaths.length} paths (category feed first pages ${share(/^\/products\?/, hotPaths)}, detail ${share(/^\/products\/\d+$/, hotPaths)})`,
);
console.log(
  `load: ${CONNECTIONS} connections for ${DURATION} s a run (after ${flags.warmup} s warm-up), DB pool ${flags.pool} an instance`,
);
console.log(
  `pinning: ${pinning}; ${CORES} cores (the load generator and MariaDB share them); two-instance runs: REDIS_URL=${REDIS_URL ?? '(none)'}`,
);
console.log(`${MERGE_NOTE}; req/s = requests answered / seconds, summed over instances. Target: zero errors and zero non-2xx\n`);

const runs: Partial<Record<RunName, Awaited<ReturnType<typeof runLoad>>>> = {};
for (const spec of RUNS.filter((r) => selected.has(r.name))) runs[spec.name] = await runLoad(spec, spec.hot ? hotPaths : paths);

const gain = (off?: LoadFigures, on?: LoadFigures) => (off && on ? on.reqPerSec / off.reqPerSec : undefined);
const cacheGain = gain(runs.off, runs.on);
const twoGain = gain(runs['two-off'], runs['two-on']);
const hotGain = gain(runs['hot-off'], runs['hot-on']);
const twoHotGain = gain(runs['two-hot-off'], runs['two-hot-on']);
const scaleOut = gain(runs.on, runs['two-on']);
console.log('');
if (cacheGain !== undefined)
  console.log(`read cache gain, mixed, 1 instance:  ${cacheGain.toFixed(2)}x req/s, p99 ${runs.off?.p99} → ${runs.on?.p99} ms`);
if (twoGain !== undefined)
  console.log(`read cache gain, mixed, 2 instances: ${twoGain.toFixed(2)}x req/s, p99 ${runs['two-off']?.p99} → ${runs['two-on']?.p99} ms`);
if (scaleOut !== undefined) console.log(`2 instances vs 1, cache on:          ${scaleOut.toFixed(2)}x req/s`);
for (const [label, value, off, on] of [
  ['hot routes, 1 instance: ', hotGain, runs['hot-off'], runs['hot-on']],
  ['hot routes, 2 instances:', twoHotGain, runs['two-hot-off'], runs['two-hot-on']],
] as const) {
  if (value === undefined) continue;
  const verdict = value >= HOT_TARGET ? 'ok' : 'MISSED';
  console.log(
    `read cache gain, ${label} ${value.toFixed(2)}x req/s (target ≥ ${HOT_TARGET}x: ${verdict}), p99 ${off?.p99} → ${on?.p99} ms`,
  );
}
const all = Object.values(runs);
const clean = all.every((r) => r.errors === 0 && r.non2xx === 0);
console.log(clean ? `zero errors and zero non-2xx in all ${all.length} runs (ok)` : 'ERRORS or non-2xx answers (target: zero)');
writeSummary('load', {
  connections: CONNECTIONS,
  duration: DURATION,
  pinning,
  redisUrl: REDIS_URL,
  ...runs,
  cacheGain,
  twoGain,
  scaleOut,
  hotGain,
  twoHotGain,
  hotTarget: HOT_TARGET,
  clean,
});
if (!clean) process.exitCode = 1;
