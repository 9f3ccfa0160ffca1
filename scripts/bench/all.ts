import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { readSummary } from './summary.js';

// pnpm bench [--products 1000000]: every benchmark in sequence, each in its own process with this terminal,
// all on the shared bench dataset (seeded once by the first, reused by the rest), then one table of the key
// figures against their targets, read from the JSON summaries the scripts leave in .data/bench.

const { values: flags } = parseArgs({ options: { products: { type: 'string', default: '1000000' } } });
const BENCHES: [string, string[]][] = [
  ['bench:service', ['--products', flags.products!]],
  ['bench:backoffice', ['--products', flags.products!]],
  ['bench:export', []],
  ['bench:load', ['--products', flags.products!]],
  ['bench:checkout', ['--products', flags.products!]],
  ['bench:orders', ['--products', flags.products!]],
];

const started = new Date().toISOString();
const exitCodes: Record<string, number | null> = {};
for (const [script, args] of BENCHES) {
  console.log(`\n===== ${script} ${args.join(' ')} =====`);
  const result = spawnSync('npx', ['-y', 'pnpm@10.34.9', '--silent', script, ...args], { stdio: 'inherit' });
  exitCodes[script] = result.status;
}

/** Figures written during this run only; a stale file from an earlier run must not pass for a result. */
function fresh<T>(name: string): T | undefined {
  const summary = readSummary<T>(name);
  return summary && summary.at >= started ? summary : undefined;
}

type Row = [bench: string, figure: string, value: string, target: string, ok: boolean | undefined];
const rows: Row[] = [];
const fmt = (n: number | undefined, unit = '') => (n === undefined || Number.isNaN(n) ? 'n/a' : `${Math.round(n * 100) / 100}${unit}`);

const service = fresh<{ ratio: number; non2xx: number; hostileWorstP95Ms?: number; hostileOverTarget?: string[]; hostile?: unknown[] }>(
  'service',
);
rows.push(['service', 'service / raw mysql2 req/s', fmt(service?.ratio, 'x'), '≥ 0.9x', service && service.ratio >= 0.9]);
rows.push([
  'service',
  `hostile requests worst p95 (${service?.hostile ? `${service.hostileOverTarget?.length}/${service.hostile.length} cases over` : 'n/a'})`,
  fmt(service?.hostileWorstP95Ms, ' ms'),
  '≤ 100 ms',
  service?.hostileWorstP95Ms !== undefined && service.hostileWorstP95Ms <= 100,
]);

type SlowCase = { case: string; p95: number; total: number };
const backoffice = fresh<{
  listWorstP95Ms: number;
  listWorstCase: string;
  listSlowCases: string[];
  listSlowestFive?: SlowCase[];
  cases: unknown[];
  registerP50Ms: number;
}>('backoffice');
rows.push([
  'backoffice',
  `generated list cases: ${backoffice ? `${backoffice.cases.length} run, ${backoffice.listSlowCases.length} over` : 'n/a'}`,
  backoffice ? String(backoffice.listSlowCases.length) : 'n/a',
  '0 over',
  backoffice && backoffice.listSlowCases.length === 0,
]);
rows.push([
  'backoffice',
  'list worst p95',
  fmt(backoffice?.listWorstP95Ms, ' ms'),
  '≤ 150 ms',
  backoffice && backoffice.listWorstP95Ms <= 150,
]);
rows.push([
  'backoffice',
  'register 5 JPEGs p50',
  fmt(backoffice?.registerP50Ms, ' ms'),
  '≤ 150 ms',
  backoffice && backoffice.registerP50Ms <= 150,
]);

type ExportRun = { firstByteMs: number; totalMs: number; peakRssMb: number };
const exported = fresh<{ rows: number; cold: ExportRun; warm: ExportRun }>('export');
const worst = (pick: (r: ExportRun) => number) => (exported ? Math.max(pick(exported.cold), pick(exported.warm)) : undefined);
const firstByte = worst((r) => r.firstByteMs);
const total = worst((r) => r.totalMs);
const rss = worst((r) => r.peakRssMb);
rows.push([
  'export',
  `first byte (${exported?.rows ?? 'n/a'} rows, worse of cold/warm)`,
  fmt(firstByte, ' ms'),
  '≤ 500 ms',
  firstByte !== undefined && firstByte <= 500,
]);
rows.push(['export', 'total', fmt(total, ' ms'), '≤ 3000 ms', total !== undefined && total <= 3000]);
rows.push(['export', 'service peak RSS', fmt(rss, ' MB'), '≤ 200 MB', rss !== undefined && rss <= 200]);

type LoadRun = { reqPerSec: number; p99: number; errors: number; non2xx: number };
const LOAD_RUNS = ['off', 'on', 'two-off', 'two-on', 'hot-off', 'hot-on', 'two-hot-off', 'two-hot-on'] as const;
type LoadSummary = { connections: number; cacheGain?: number; hotGain?: number; twoHotGain?: number; hotTarget: number } & Partial<
  Record<(typeof LOAD_RUNS)[number], LoadRun>
>;
const load = fresh<LoadSummary>('load');
const loadRuns = load ? LOAD_RUNS.flatMap((name) => load[name] ?? []) : [];
const bad = load ? loadRuns.reduce((sum, r) => sum + r.errors + r.non2xx, 0) : undefined;
rows.push(['load', `${load?.connections ?? 200} connections, ${loadRuns.length} runs: errors + non-2xx`, fmt(bad), '0', bad === 0]);
const gainRow = (figure: string, off: LoadRun | undefined, on: LoadRun | undefined, value: number | undefined, target: number): Row => [
  'load',
  figure,
  off && on && value !== undefined ? `${off.reqPerSec} → ${on.reqPerSec} (${fmt(value, 'x')})` : 'n/a',
  target === 1 ? 'gain > 1x' : `≥ ${target}x`,
  value === undefined ? undefined : target === 1 ? value > 1 : value >= target,
];
rows.push(gainRow('req/s cache off → CACHE_TTL_MS, mixed', load?.off, load?.on, load?.cacheGain, 1));
rows.push(gainRow('req/s cache off → on, hot routes', load?.['hot-off'], load?.['hot-on'], load?.hotGain, load?.hotTarget ?? 5));
rows.push(
  gainRow(
    'req/s cache off → on, hot routes, 2 instances + Redis',
    load?.['two-hot-off'],
    load?.['two-hot-on'],
    load?.twoHotGain,
    load?.hotTarget ?? 5,
  ),
);
const two = load?.['two-on'];
rows.push([
  'load',
  '2 instances + Redis, cache on: req/s, p99',
  two ? `${two.reqPerSec} req/s, p99 ${two.p99} ms` : 'n/a',
  'reported',
  two && two.errors + two.non2xx === 0,
]);

type CheckoutRun = { p50: number; p95: number; p99: number; errors: number };
const checkout = fresh<{
  shoppers: number;
  targetP50Ms: number;
  closed: CheckoutRun & { perSecond: number; littleMs: number };
  open: (CheckoutRun & { rate: number; achieved: number })[];
  bestRate?: number;
  hotStock: number;
  hotPlaced: number;
  hotOther: number;
}>('checkout');
const target = `≤ ${checkout?.targetP50Ms ?? 50} ms`;
const closed = checkout?.closed;
const ms = (n: number | undefined) => (n === undefined ? 'n/a' : `${Math.round(n)} ms`);
rows.push([
  'checkout',
  `closed loop, ${checkout?.shoppers ?? 200} shoppers, no think: p50 (Little: ${ms(closed?.littleMs)} at ${closed ? Math.round(closed.perSecond) : 'n/a'}/s)`,
  ms(closed?.p50),
  target,
  closed && closed.p50 <= checkout.targetP50Ms,
]);
rows.push(['checkout', `closed loop p95 ${ms(closed?.p95)}; errors`, fmt(closed?.errors), '0', closed && closed.errors === 0]);
for (const run of checkout?.open ?? []) {
  rows.push([
    'checkout',
    `open loop ${run.rate}/s (achieved ${Math.round(run.achieved)}/s, errors ${run.errors}): p50 (p95 / p99)`,
    `${ms(run.p50)} (${Math.round(run.p95)} / ${Math.round(run.p99)})`,
    `${target}, 0 err`,
    run.p50 <= checkout!.targetP50Ms && run.errors === 0,
  ]);
}
rows.push([
  'checkout',
  'highest open-loop rate with p50 within target',
  checkout ? (checkout.bestRate === undefined ? 'none' : `${checkout.bestRate}/s`) : 'n/a',
  'one at least',
  checkout && checkout.bestRate !== undefined,
]);
rows.push([
  'checkout',
  'hot option: placed = initial stock',
  checkout ? `${checkout.hotPlaced} of ${checkout.hotStock}` : 'n/a',
  'exactly',
  checkout && checkout.hotPlaced === checkout.hotStock && checkout.hotOther === 0,
]);

type OrdersExport = { rows: number; firstByteMs: number; totalMs: number; peakRssMb: number };
const orders = fresh<{
  listWorstP95Ms: number;
  listWorstCase: string;
  listSlowCases: string[];
  summaryWorstP95Ms: number;
  bulkTransitionMs: number[];
  export?: OrdersExport;
}>('orders');
rows.push([
  'orders',
  `desk list worst p95 (${orders ? `${orders.listSlowCases.length} cases over` : 'n/a'})`,
  fmt(orders?.listWorstP95Ms, ' ms'),
  '≤ 150 ms',
  orders && orders.listWorstP95Ms <= 150,
]);
rows.push(['orders', 'desk summary worst p95', fmt(orders?.summaryWorstP95Ms, ' ms'), '≤ 50 ms', orders && orders.summaryWorstP95Ms <= 50]);
const bulk = orders ? Math.max(...orders.bulkTransitionMs) : undefined;
rows.push(['orders', '100-item bulk transition (worst of 3)', fmt(bulk, ' ms'), '< 1000 ms', bulk !== undefined && bulk < 1000]);
rows.push([
  'orders',
  `export ${orders?.export?.rows ?? 'n/a'} rows: first byte / total`,
  orders?.export ? `${orders.export.firstByteMs} / ${orders.export.totalMs} ms` : 'n/a',
  'streamed',
  orders?.export !== undefined,
]);
rows.push([
  'orders',
  'export service peak RSS',
  fmt(orders?.export?.peakRssMb, ' MB'),
  '≤ 200 MB',
  orders?.export !== undefined && orders.export.peakRssMb <= 200,
]);

console.log('\n===== summary =====');
const widths = [11, 66, 26, 14];
console.log(['bench', 'figure', 'value', 'target', 'verdict'].map((h, i) => h.padEnd(widths[i] ?? 0)).join(' '));
for (const [bench, figure, value, target, ok] of rows) {
  console.log(
    `${[bench, figure, value, target].map((c, i) => c.padEnd(widths[i])).join(' ')} ${ok === undefined ? 'NO DATA' : ok ? 'ok' : 'MISSED'}`,
  );
}
if (backoffice?.listSlowestFive?.length) {
  console.log('\nback-office lists, slowest five (p95):');
  for (const c of backoffice.listSlowestFive) console.log(`  ${String(c.p95).padStart(7)} ms  ${c.case} (total ${c.total})`);
}
const failed = Object.entries(exitCodes).filter(([, code]) => code !== 0);
if (failed.length) console.log(`\nexited non-zero: ${failed.map(([s, c]) => `${s} (${c})`).join(', ')}`);
if (failed.length || rows.some(([, , , , ok]) => !ok)) process.exitCode = 1;
