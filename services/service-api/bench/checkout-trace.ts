import { readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createMysqlPool, type Database } from '@brandi/db';
import { approvingGateway } from '@brandi/orders';
import { createObjectStore } from '@brandi/storage';
import { Kysely, MysqlDialect } from 'kysely';
import { percentile } from '../../../scripts/bench/summary.js';
import { findLineFacts } from '../src/routes/cart/line-facts.repository.js';
import { priceLines, toCartView } from '../src/routes/cart/priced-lines.js';
import { placeOrder } from '../src/routes/orders/checkout.js';
import { ensureShoppers, ORDERER, pickBaskets } from './checkout-shoppers.js';

// pnpm bench:checkout-trace [--rounds 200]
// Where one checkout's time goes: places --rounds orders one after another in this process (no HTTP), through
// the real use case, and prints the SQL round trips of one checkout with each statement's median time, the
// p50/p95 of a whole checkout, and the CPU one checkout costs in Node and in mysqld (read from /proc).
// Orders as bench shopper bench_ck_0 a basket of 3 lines from 2 sellers, as bench:checkout does.

const { values: flags } = parseArgs({ options: { rounds: { type: 'string', default: '200' } } });
const ROUNDS = Number(flags.rounds);
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/brandi_bench';

let trace: { sql: string; ms: number }[] = [];
const db = new Kysely<Database>({
  dialect: new MysqlDialect({ pool: createMysqlPool({ url: DATABASE_URL, poolSize: 2 }) }),
  log: (event) => {
    trace.push({ sql: event.query.sql.replace(/\s+/g, ' ').slice(0, 100), ms: event.queryDurationMillis });
  },
});
const store = createObjectStore({
  endpoint: 'http://127.0.0.1:9',
  region: 'ap-northeast-2',
  bucket: 'bench',
  forcePathStyle: true,
  publicUrl: 'http://127.0.0.1:9/bench',
});

/** mysqld's user + system CPU in ms (clock ticks of 10 ms), or NaN when it does not run on this machine. */
function mysqldCpuMs(): number {
  const pid = readdirSync('/proc').find((d) => {
    try {
      return /^\d+$/.test(d) && ['mariadbd', 'mysqld'].includes(readFileSync(`/proc/${d}/comm`, 'utf8').trim());
    } catch {
      return false;
    }
  });
  if (!pid) return Number.NaN;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

try {
  const [shopper] = await ensureShoppers(db, 1);
  const [basket] = await pickBaskets(db, 1);
  const items = basket.map((optionId) => ({ optionId, quantity: 1 }));
  const facts = await findLineFacts(
    db,
    items.map((i) => i.optionId),
  );
  const expectedTotal = toCartView(priceLines(items, facts, new Date()), store).total;
  const deps = { db, store, now: () => new Date(), payments: approvingGateway };
  const body = {
    items,
    addressId: shopper.addressId,
    orderer: ORDERER,
    expectedTotal,
  };
  const run = Date.now().toString(36);

  const byStatement = new Map<string, number[]>();
  const times: number[] = [];
  const node0 = process.cpuUsage();
  const mysqld0 = mysqldCpuMs();
  for (let r = 0; r < ROUNDS; r++) {
    trace = [];
    const started = performance.now();
    await placeOrder(deps, shopper.id, `trace-${run}-${r}`, body);
    times.push(performance.now() - started);
    for (const q of trace) byStatement.set(q.sql, [...(byStatement.get(q.sql) ?? []), q.ms]);
  }
  const node = process.cpuUsage(node0);
  const mysqld = mysqldCpuMs() - mysqld0;
  const sorted = times.sort((a, b) => a - b);
  console.log(
    `checkout in process, ${ROUNDS} one after another: p50 ${percentile(sorted, 50).toFixed(1)} ms   p95 ${percentile(sorted, 95).toFixed(1)} ms   ` +
      `CPU per checkout: node ${((node.user + node.system) / 1000 / ROUNDS).toFixed(2)} ms, mysqld ${(mysqld / ROUNDS).toFixed(2)} ms`,
  );
  console.log(`${trace.length} round trips per checkout (median ms each):`);
  for (const [statement, ms] of byStatement)
    console.log(
      `${percentile(
        [...ms].sort((a, b) => a - b),
        50,
      )
        .toFixed(2)
        .padStart(7)}  ${statement}`,
    );
} finally {
  await db.destroy();
}
