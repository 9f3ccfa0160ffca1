import { sql, type Db } from '@brandi/db';
import { percentile } from '../../../scripts/bench/summary.js';

// Anonymous requests chosen to be expensive: every one must stay cheap (p95 ≤ TARGET_P95_MS at 1M products).

export const TARGET_P95_MS = 100;

export interface HostileCase {
  name: string;
  path: string;
}

export interface HostileTiming {
  name: string;
  path: string;
  items: number;
  p50: number;
  p95: number;
  max: number;
  over: boolean;
}

interface TokenCount {
  token: string;
  n: number;
}

/** Name words from the dataset's own postings: a common one (~10% of products), the rarest, pairs that meet or never do. */
async function pickWords(db: Db) {
  const counts = (
    await sql<TokenCount>`SELECT token, COUNT(*) AS n FROM product_name_tokens GROUP BY token ORDER BY n DESC`.execute(db)
  ).rows.map((row) => ({ token: row.token, n: Number(row.n) }));
  if (counts.length < 2) throw new Error('the dataset has no name postings');
  const live = Number((await sql<{ n: number }>`SELECT COUNT(*) AS n FROM products WHERE deleted_at IS NULL`.execute(db)).rows[0].n);
  const common = counts.reduce((best, c) => (Math.abs(c.n - live / 10) < Math.abs(best.n - live / 10) ? c : best));
  const rarest = counts[counts.length - 1];
  const together = async (a: string, b: string) =>
    Number(
      (
        await sql<{
          n: number;
        }>`SELECT COUNT(*) AS n FROM product_name_tokens t1 INNER JOIN product_name_tokens t2 ON t2.token = ${b} AND t2.product_id = t1.product_id WHERE t1.token = ${a}`.execute(
          db,
        )
      ).rows[0].n,
    );
  // Among the commonest tokens: one that shares names with `common`, and one that never does.
  let meets: TokenCount | undefined;
  let neverMeets: TokenCount | undefined;
  for (const other of counts.slice(0, 30)) {
    if (other.token === common.token || (meets && neverMeets)) continue;
    const n = await together(common.token, other.token);
    if (n > 0 && !meets) meets = { token: other.token, n };
    if (n === 0 && !neverMeets) neverMeets = other;
  }
  return { live, common, rarest, meets, neverMeets };
}

export async function hostileCases(db: Db): Promise<HostileCase[]> {
  const { live, common, rarest, meets, neverMeets } = await pickWords(db);
  const top = await db
    .selectFrom('products')
    .select((eb) => eb.fn.max('effective_price').as('max'))
    .executeTakeFirstOrThrow();
  const abovePrices = Number(top.max ?? 0) + 10;
  const band = Math.floor(Number(top.max ?? 0) / 3 / 10) * 10;
  const q = (text: string) => encodeURIComponent(text);
  const pct = (n: number) => `${((100 * n) / Math.max(1, live)).toFixed(2)}%`;
  const cases: HostileCase[] = [
    { name: 'q=<no-match word>', path: `/products?q=${q('없는상품명')}` },
    { name: `q=<rare word> (${rarest.n} products, ${pct(rarest.n)})`, path: `/products?q=${q(rarest.token)}` },
    { name: `q=<common word> (${pct(common.n)})`, path: `/products?q=${q(common.token)}` },
    { name: 'q=<common word> sort=price_asc', path: `/products?q=${q(common.token)}&sort=price_asc` },
    { name: 'q=<common word> sort=price_desc', path: `/products?q=${q(common.token)}&sort=price_desc` },
    { name: 'q=<common word> sort=newest, 2nd category', path: `/products?q=${q(common.token)}&sort=newest&secondCategoryId=2` },
    { name: 'q=<one letter of the common word>', path: `/products?q=${q([...common.token][0])}` },
    { name: 'q=<common word> above every price', path: `/products?q=${q(common.token)}&minPrice=${abovePrices}` },
    { name: 'minPrice above every price', path: `/products?minPrice=${abovePrices}` },
    { name: 'minPrice above every price, sort=sales', path: `/products?minPrice=${abovePrices}&sort=sales` },
    { name: 'minPrice > maxPrice', path: '/products?minPrice=50000&maxPrice=10000' },
    { name: 'a narrow price band (1,000 KRW), sort=recommended', path: `/products?minPrice=${band}&maxPrice=${band + 1000}` },
    {
      name: 'q=<common word> in a narrow price band, sort=newest',
      path: `/products?q=${q(common.token)}&minPrice=${band}&maxPrice=${band + 1000}&sort=newest`,
    },
    { name: 'GET /sellers deepest page (page=100, limit=100)', path: '/sellers?page=100&limit=100' },
    { name: 'GET /sellers deepest page sort=name', path: '/sellers?page=500&limit=20&sort=name' },
    { name: 'GET /sellers q=<no match>', path: `/sellers?q=${q('없는셀러')}` },
  ];
  if (meets)
    cases.push({
      name: `q=<two words> (${meets.n} products, ${pct(meets.n)})`,
      path: `/products?q=${q(`${meets.token} ${common.token}`)}`,
    });
  if (meets)
    cases.push({ name: 'q=<two words> sort=price_asc', path: `/products?q=${q(`${common.token} ${meets.token}`)}&sort=price_asc` });
  if (neverMeets)
    cases.push({ name: `q=<two common words never together>`, path: `/products?q=${q(`${common.token} ${neverMeets.token}`)}` });
  return cases;
}

/** `requests` sequential GETs of one case (after one warm-up), timed from this process. */
export async function timeHostileCase(base: string, c: HostileCase, requests: number): Promise<HostileTiming> {
  const ms: number[] = [];
  let items = 0;
  for (let i = 0; i <= requests; i++) {
    const started = performance.now();
    const res = await fetch(`${base}${c.path}`);
    const body = (await res.json()) as { items?: unknown[] };
    const elapsed = performance.now() - started;
    if (res.status !== 200) throw new Error(`${c.path} answered ${res.status}: ${JSON.stringify(body)}`);
    items = body.items?.length ?? 0;
    if (i > 0) ms.push(elapsed);
  }
  ms.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  const p95 = round(percentile(ms, 95));
  return {
    name: c.name,
    path: c.path,
    items,
    p50: round(percentile(ms, 50)),
    p95,
    max: round(ms[ms.length - 1]),
    over: p95 > TARGET_P95_MS,
  };
}

export function printHostileTable(rows: HostileTiming[], log: (line: string) => void): void {
  const cell = (n: number) => n.toFixed(1).padStart(8);
  log(`${'hostile case'.padEnd(52)}${'items'.padStart(6)}${'p50'.padStart(8)}${'p95'.padStart(8)}${'max'.padStart(8)}`);
  for (const r of rows) {
    log(
      `${r.name.slice(0, 51).padEnd(52)}${String(r.items).padStart(6)}${cell(r.p50)}${cell(r.p95)}${cell(r.max)}${r.over ? `   OVER (p95 > ${TARGET_P95_MS} ms)` : ''}`,
    );
  }
  const worst = rows.reduce((a, b) => (b.p95 > a.p95 ? b : a));
  log(
    `hostile: ${rows.length} cases, ${rows.filter((r) => r.over).length} over ${TARGET_P95_MS} ms; worst p95 ${worst.p95} ms (${worst.name})`,
  );
}
