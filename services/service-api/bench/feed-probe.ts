import { createDb, sql } from '@brandi/db';
import { buildProductListQuery, planFeedAccess, type ProductListParams } from '../src/routes/products/products.repository.js';

const db = createDb({ url: process.env.BENCH_DATABASE_URL!, poolSize: 2 });
const cases: [string, ProductListParams['filter'], ProductListParams['sort']][] = JSON.parse(process.argv[2]);
for (const [label, filter, sort] of cases) {
  const params: ProductListParams = { filter, sort, limit: 60, now: new Date() };
  const times: number[] = [];
  let plan = '';
  let n = 0;
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    const access = await planFeedAccess(db, params);
    const t1 = performance.now();
    const rows = access.kind === 'none' ? [] : await buildProductListQuery(db, params, access).execute();
    times.push(performance.now() - t0);
    plan = `${access.kind}${access.kind === 'postings' ? `(${access.tokens.length})` : ''} plan ${(t1 - t0).toFixed(1)}ms`;
    n = rows.length;
  }
  times.sort((a, b) => a - b);
  console.log(`${label.padEnd(40)} ${plan.padEnd(28)} rows ${String(n).padStart(3)}  median ${times[3].toFixed(1)} ms  max ${times[6].toFixed(1)} ms`);
}
if (process.argv[3]) {
  const [filter, sort, kind] = JSON.parse(process.argv[3]);
  const params: ProductListParams = { filter, sort, limit: 60, now: new Date() };
  const access = kind === 'sorted' ? { kind: 'sorted' as const } : await planFeedAccess(db, params);
  console.log(JSON.stringify(await buildProductListQuery(db, params, access).explain(), null, 0));
}
await db.destroy();
void sql;
