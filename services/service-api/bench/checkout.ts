import { parseArgs } from 'node:util';
import { createDb, type Db } from '@brandi/db';
import { openBenchDatabase } from '@brandi/demo';
import { writeSummary } from '../../../scripts/bench/summary.js';
import { type Answer, latencyFigures, type OpenLoopRun, runOpenLoop } from './open-loop.js';
import { type BenchShopper as Shopper, ensureShoppers, maxProductId, ORDERER, orderableOptions, pickBaskets } from './checkout-shoppers.js';
import { startServer } from './server-process.js';

// pnpm bench:checkout [--products 1000000] [--shoppers 200] [--rounds 5] [--rates 25,50,100] [--seconds 20] [--pool 20]
//                     [--hot-stock 50] [--reuse]
// --reuse: take the database as it is (no migration, no seeding), e.g. a shared one migrated ahead of this tree.
// An order is 3 lines from 2 sellers (options without managed stock, so orders can repeat), each shopper its own basket.
// 1. Closed loop (saturation): each of --shoppers shoppers places --rounds orders one after another with no
//    think time, all at once: throughput, p50/p95, errors. By Little's law its latency is about shoppers /
//    throughput, so it is printed next to the target: p50 ≤ 50 ms with 200 in flight would take 4,000 orders/s.
// 2. Open loop (shoppers who think): Poisson arrivals at each of --rates orders/s for --seconds, spread over the
//    --shoppers sessions: offered and achieved rate, p50/p95/p99, errors; and the highest rate whose p50 ≤ 50 ms.
// 3. Hot option: every shopper tries at once to buy one unit of one option holding --hot-stock units;
//    exactly that many must be placed, the rest 409 OUT_OF_STOCK, stock 0 after (then restored).
// Orders placed stay in the bench database (they are few next to the order desk's bulk data).

const { values: flags } = parseArgs({
  options: {
    products: { type: 'string', default: '1000000' },
    shoppers: { type: 'string', default: '200' },
    rounds: { type: 'string', default: '5' },
    rates: { type: 'string', default: '25,50,100' },
    seconds: { type: 'string', default: '20' },
    pool: { type: 'string', default: '20' },
    'hot-stock': { type: 'string', default: '50' },
    reuse: { type: 'boolean', default: false },
  },
});
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/brandi_bench';
const SHOPPERS = Number(flags.shoppers);
const ROUNDS = Number(flags.rounds);
const HOT_STOCK = Number(flags['hot-stock']);
const RATES = flags.rates!.split(',').map(Number);
const SECONDS = Number(flags.seconds);
const TARGET_P50_MS = 50;

type Reply = { error?: { code?: string }; total?: number };

async function post(base: string, path: string, shopper: Shopper, body: unknown, key?: string): Promise<Answer & { json: Reply }> {
  const started = performance.now();
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: key ? { ...shopper.headers, 'idempotency-key': key } : shopper.headers,
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Reply;
  return { status: res.status, ms: performance.now() - started, code: json?.error?.code, json };
}

async function openDataset(): Promise<Db> {
  if (flags.reuse) return createDb({ url: DATABASE_URL, poolSize: 4 });
  const { db, seeded } = await openBenchDatabase(DATABASE_URL, { products: Number(flags.products), poolSize: 4 });
  console.log(`dataset: ${seeded.productsCreated} products added in ${seeded.seconds.toFixed(1)} s`);
  return db;
}

const db = await openDataset();
console.log(`dataset: ${await maxProductId(db)} products (max id)`);
const shoppers = await ensureShoppers(db, SHOPPERS);
const baskets = await pickBaskets(db, shoppers.length);
const server = await startServer('service', { databaseUrl: DATABASE_URL, pool: flags.pool! });
const run = `${Date.now().toString(36)}`;
try {
  const order = (s: Shopper, items: { optionId: number; quantity: number }[], expectedTotal: number, key: string) =>
    post(server.base, '/orders', s, { items, addressId: s.addressId, orderer: ORDERER, expectedTotal }, key);
  const lines = shoppers.map((_, i) => baskets[i].map((optionId) => ({ optionId, quantity: 1 })));
  const totals = await Promise.all(
    shoppers.map(async (s, i) => (await post(server.base, '/orders/quote', s, { items: lines[i] })).json.total!),
  );
  // Warm-up: one order per shopper, one at a time per 20.
  for (let i = 0; i < shoppers.length; i += 20) {
    await Promise.all(shoppers.slice(i, i + 20).map((s, j) => order(s, lines[i + j], totals[i + j], `${run}-warm-${i + j}`)));
  }

  const answers: Answer[] = [];
  const started = performance.now();
  await Promise.all(
    shoppers.map(async (s, i) => {
      for (let r = 0; r < ROUNDS; r++) answers.push(await order(s, lines[i], totals[i], `${run}-${i}-${r}`));
    }),
  );
  const perSecond = answers.length / ((performance.now() - started) / 1000);
  const closed = { ...latencyFigures(answers), perSecond, littleMs: (shoppers.length / perSecond) * 1000 };
  console.log(
    `CLOSED LOOP (saturation: ${shoppers.length} shoppers × ${ROUNDS} orders, no think time): ${closed.count} orders at ${perSecond.toFixed(0)}/s   ` +
      `p50 ${closed.p50.toFixed(1)} ms   p95 ${closed.p95.toFixed(1)} ms   max ${closed.max.toFixed(1)} ms   errors ${closed.errors} ${JSON.stringify(closed.errorKinds)}`,
  );
  console.log(
    `  Little's law: ${shoppers.length} in flight / ${perSecond.toFixed(0)} orders/s = ${closed.littleMs.toFixed(0)} ms per order (the p50 above follows it); ` +
      `target p50 ≤ ${TARGET_P50_MS} ms with ${shoppers.length} in flight needs ≥ ${((shoppers.length / TARGET_P50_MS) * 1000).toFixed(0)} orders/s`,
  );

  const open: OpenLoopRun[] = [];
  for (const rate of RATES) {
    const result = await runOpenLoop(rate, SECONDS, shoppers.length, (i, n) =>
      order(shoppers[i], lines[i], totals[i], `${run}-open${rate}-${n}`),
    );
    open.push(result);
    console.log(
      `OPEN LOOP ${rate}/s (Poisson over ${shoppers.length} shoppers, think ≈ ${(shoppers.length / rate).toFixed(0)} s, ${SECONDS} s): ` +
        `offered ${result.offered.toFixed(1)}/s, achieved ${result.achieved.toFixed(1)}/s   p50 ${result.p50.toFixed(1)} ms   ` +
        `p95 ${result.p95.toFixed(1)} ms   p99 ${result.p99.toFixed(1)} ms   max in flight ${result.maxInFlight}   errors ${result.errors} ${JSON.stringify(result.errorKinds)}`,
    );
  }
  const meeting = open.filter((r) => r.p50 <= TARGET_P50_MS && r.errors === 0).map((r) => r.rate);
  const bestRate = meeting.length > 0 ? Math.max(...meeting) : undefined;
  console.log(
    `  p50 ≤ ${TARGET_P50_MS} ms with 0 errors holds ${bestRate === undefined ? 'at none of the rates run' : `up to ${bestRate} orders/s of those run (${RATES.join(', ')}/s)`}`,
  );

  // Hot option: one managed option, HOT_STOCK units, every shopper at once.
  const hot = await orderableOptions(db)
    .select(['o.id', 'o.stock'])
    .where('o.stock', 'is not', null)
    .where('p.id', '>', Math.floor(Math.random() * 0.9 * (await maxProductId(db))))
    .limit(1)
    .executeTakeFirstOrThrow();
  await db.updateTable('product_options').set({ stock: HOT_STOCK }).where('id', '=', hot.id).execute();
  try {
    const hotLine = [{ optionId: hot.id, quantity: 1 }];
    const hotTotal = (await post(server.base, '/orders/quote', shoppers[0], { items: hotLine })).json.total!;
    const attempts = await Promise.all(shoppers.map((s, i) => order(s, hotLine, hotTotal, `${run}-hot-${i}`)));
    const placed = attempts.filter((a) => a.status === 201).length;
    const outOfStock = attempts.filter((a) => a.status === 409 && a.code === 'OUT_OF_STOCK').length;
    const other = attempts.length - placed - outOfStock;
    const left = (await db.selectFrom('product_options').select('stock').where('id', '=', hot.id).executeTakeFirstOrThrow()).stock;
    // Latency only: OUT_OF_STOCK answers are what this run expects, not errors.
    const hotLatency = latencyFigures(attempts);
    console.log(
      `HOT OPTION (stock ${HOT_STOCK}, ${attempts.length} attempts at once): placed = ${placed}, OUT_OF_STOCK ${outOfStock}, other ${other}, ` +
        `stock left ${left}   p50 ${hotLatency.p50.toFixed(1)} ms   p95 ${hotLatency.p95.toFixed(1)} ms`,
    );
    writeSummary('checkout', {
      shoppers: shoppers.length,
      closed,
      open,
      targetP50Ms: TARGET_P50_MS,
      bestRate,
      hotStock: HOT_STOCK,
      hotPlaced: placed,
      hotOther: other,
      hotLeft: left,
    });
    const errors = closed.errors + open.reduce((sum, r) => sum + r.errors, 0);
    if (errors > 0 || placed !== HOT_STOCK || other > 0 || left !== 0) process.exitCode = 1;
  } finally {
    await db.updateTable('product_options').set({ stock: hot.stock }).where('id', '=', hot.id).execute();
  }
} finally {
  await server.stop();
  await db.destroy();
}
