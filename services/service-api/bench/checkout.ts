import { parseArgs } from 'node:util';
import { createDb, type Db } from '@brandi/db';
import { openBenchDatabase } from '@brandi/demo';
import { percentile, writeSummary } from '../../../scripts/bench/summary.js';
import { type BenchShopper as Shopper, ensureShoppers, maxProductId, ORDERER, pickBaskets } from './checkout-shoppers.js';
import { startServer } from './server-process.js';

// pnpm bench:checkout [--products 1000000] [--shoppers 200] [--rounds 5] [--pool 20] [--hot-stock 50] [--reuse]
// --reuse: take the database as it is (no migration, no seeding), e.g. a shared one migrated ahead of this tree.
// 1. Checkout: each of --shoppers shoppers places --rounds orders one after another, all shoppers at once; an
//    order is 3 lines from 2 sellers (options without managed stock, so rounds can repeat). p50/p95, errors.
// 2. Hot option: every shopper tries at once to buy one unit of one option holding --hot-stock units;
//    exactly that many must be placed, the rest 409 OUT_OF_STOCK, stock 0 after (then restored).
// Orders placed stay in the bench database (they are few next to the order desk's bulk data).

const { values: flags } = parseArgs({
  options: {
    products: { type: 'string', default: '1000000' },
    shoppers: { type: 'string', default: '200' },
    rounds: { type: 'string', default: '5' },
    pool: { type: 'string', default: '20' },
    'hot-stock': { type: 'string', default: '50' },
    reuse: { type: 'boolean', default: false },
  },
});
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/brandi_bench';
const SHOPPERS = Number(flags.shoppers);
const ROUNDS = Number(flags.rounds);
const HOT_STOCK = Number(flags['hot-stock']);

interface Answer {
  status: number;
  ms: number;
  code?: string;
}

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
  const seconds = (performance.now() - started) / 1000;
  const ms = answers.map((a) => a.ms).sort((a, b) => a - b);
  const errors = answers.filter((a) => a.status !== 201);
  const p50 = percentile(ms, 50);
  const p95 = percentile(ms, 95);
  console.log(
    `checkout, 3 lines from 2 sellers, ${shoppers.length} concurrent shoppers × ${ROUNDS}: ${answers.length} orders in ${seconds.toFixed(1)} s ` +
      `(${(answers.length / seconds).toFixed(0)}/s)   p50 ${p50.toFixed(1)} ms   p95 ${p95.toFixed(1)} ms   max ${ms[ms.length - 1].toFixed(1)} ms   ` +
      `errors ${errors.length} ${JSON.stringify(Object.fromEntries(errors.map((e) => [`${e.status} ${e.code}`, 0])))}`,
  );

  // Hot option: one managed option, HOT_STOCK units, every shopper at once.
  const hot = await db
    .selectFrom('product_options as o')
    .innerJoin('products as p', 'p.id', 'o.product_id')
    .innerJoin('sellers as s', 's.id', 'p.seller_id')
    .select(['o.id', 'o.stock'])
    .where('o.stock', 'is not', null)
    .where('p.is_on_sale', '=', true)
    .where('p.is_displayed', '=', true)
    .where('p.deleted_at', 'is', null)
    .where('p.min_order_qty', '=', 1)
    .where('s.status', '=', 'active')
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
    const hotMs = attempts.map((a) => a.ms).sort((a, b) => a - b);
    console.log(
      `hot option (stock ${HOT_STOCK}, ${attempts.length} attempts at once): placed = ${placed}, OUT_OF_STOCK ${outOfStock}, other ${other}, ` +
        `stock left ${left}   p50 ${percentile(hotMs, 50).toFixed(1)} ms   p95 ${percentile(hotMs, 95).toFixed(1)} ms`,
    );
    writeSummary('checkout', {
      orders: answers.length,
      p50Ms: p50,
      p95Ms: p95,
      errors: errors.length,
      hotStock: HOT_STOCK,
      hotPlaced: placed,
      hotOther: other,
      hotLeft: left,
    });
    if (errors.length > 0 || placed !== HOT_STOCK || other > 0 || left !== 0) process.exitCode = 1;
  } finally {
    await db.updateTable('product_options').set({ stock: hot.stock }).where('id', '=', hot.id).execute();
  }
} finally {
  await server.stop();
  await db.destroy();
}
