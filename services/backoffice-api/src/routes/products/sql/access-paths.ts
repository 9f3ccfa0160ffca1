import { discountWindowContains, sellerIn, sellerNotIn, sql } from '@brandi/db';
import type { RawBuilder } from 'kysely';
import { all, rowFilterTests, searchTests } from './filter-predicates.js';
import type { ResolvedRead } from './resolved-read.js';
import { otherWordsTests, pairTests } from './word-routes.js';

// The statements of each access path the planner can choose (read-plan.ts): the page's ids and, where the path
// counts on the same entries, its total. Every filter comes from the predicate map (filter-predicates.ts).

type Window = { limit: number; offset: number };
type Sort = 'newest' | 'oldest';

/** The column tests every path shares, on the table aliased `alias` (products or product_token_facets). */
function columnTests(read: ResolvedRead, alias: 'p' | 'f', options: { sellers?: boolean; inOrder?: boolean } = {}): RawBuilder<boolean>[] {
  const tests: RawBuilder<boolean>[] = [];
  if (options.sellers !== false) {
    // Read in order, the seller list is a test on each entry: `+ 0` keeps the optimizer from ranging over a
    // seller index instead (and sorting every product of a long list).
    const column = sql.ref(`${alias}.seller_id`);
    const seller = options.inOrder ? sql`(${column} + 0)` : column;
    if (read.allowed !== undefined) tests.push(sellerIn(seller, read.allowed));
    else if (read.excluded.length > 0) tests.push(sellerNotIn(seller, read.excluded));
  }
  return [...tests, ...rowFilterTests(read.filters, alias, read.now)];
}

/** The tests on products rows: shared columns plus deletion, id / code, and the name words (LIKE) when not via facets. */
function productTests(read: ResolvedRead, options: { sellers?: boolean; inOrder?: boolean } = {}): RawBuilder<boolean>[] {
  return [sql<boolean>`p.deleted_at IS NULL`, ...columnTests(read, 'p', options), ...searchTests(read.filters)];
}

/**
 * The products holding both words of the pair route, read by primary key (STRAIGHT_JOIN: the pair postings
 * drive), with every filter and every word tested on the row.
 */
const pairProducts = (read: ResolvedRead, pairs: [string, string][]) =>
  sql`(SELECT DISTINCT t.product_id FROM product_name_token_pairs t WHERE ${pairTests(pairs)}) x
    STRAIGHT_JOIN products p ON p.id = x.product_id WHERE ${all(productTests(read))}`;

export function buildPairIdsQuery(read: ResolvedRead, pairs: [string, string][], sort: Sort, window: Window) {
  const dir = sort === 'oldest' ? sql`ASC` : sql`DESC`;
  return sql<{ id: number }>`SELECT p.id FROM ${pairProducts(read, pairs)}
    ORDER BY p.created_at ${dir}, p.id ${dir} LIMIT ${window.limit} OFFSET ${window.offset}`;
}

/**
 * A pair route's page with its total in one statement: the products are read by primary key once, not once for
 * the page and again for the total. The first row (rn = 1) always comes back, so a page past the end still
 * carries the total.
 */
export function buildPairPageQuery(read: ResolvedRead, pairs: [string, string][], sort: Sort, window: Window) {
  const dir = sort === 'oldest' ? sql`ASC` : sql`DESC`;
  return sql<{ id: number; total: number; rn: number }>`SELECT z.id, z.total, z.rn FROM (SELECT p.id, COUNT(*) OVER () AS total,
    ROW_NUMBER() OVER (ORDER BY p.created_at ${dir}, p.id ${dir}) AS rn FROM ${pairProducts(read, pairs)}) z
    WHERE z.rn = 1 OR z.rn > ${window.offset} ORDER BY z.rn LIMIT ${window.limit + 1}`;
}

export function buildPairCountQuery(read: ResolvedRead, pairs: [string, string][]) {
  return sql<{ total: number }>`SELECT COUNT(*) AS total FROM ${pairProducts(read, pairs)}`;
}

export function buildFacetIdsQuery(read: ResolvedRead, lead: number, sort: Sort, window: Window) {
  const dir = sort === 'oldest' ? sql`ASC` : sql`DESC`;
  const tests = [...columnTests(read, 'f'), ...otherWordsTests(read, lead)];
  const tokens = read.words![lead].tokens;
  const branch = (token: string) =>
    sql`(SELECT f.product_id AS id, f.created_at FROM product_token_facets f WHERE f.token = ${token} AND ${all(tests)}
      ORDER BY f.created_at ${dir}, f.product_id ${dir} LIMIT ${window.offset + window.limit})`;
  if (tokens.length === 1) {
    return sql<{ id: number }>`SELECT f.product_id AS id FROM product_token_facets f WHERE f.token = ${tokens[0]} AND ${all(tests)}
      ORDER BY f.created_at ${dir}, f.product_id ${dir} LIMIT ${window.limit} OFFSET ${window.offset}`;
  }
  // A name can hold two of the tokens: UNION drops the duplicate (same id, same instant).
  return sql<{ id: number }>`SELECT u.id FROM (${sql.join(tokens.map(branch), sql` UNION `)}) u
    ORDER BY u.created_at ${dir}, u.id ${dir} LIMIT ${window.limit} OFFSET ${window.offset}`;
}

export function buildFacetCountQuery(read: ResolvedRead, lead: number) {
  const tests = [...columnTests(read, 'f'), ...otherWordsTests(read, lead)];
  const tokens = read.words![lead].tokens;
  if (tokens.length === 1)
    return sql<{ total: number }>`SELECT COUNT(*) AS total FROM product_token_facets f WHERE f.token = ${tokens[0]} AND ${all(tests)}`;
  return sql<{
    total: number;
  }>`SELECT COUNT(DISTINCT f.product_id) AS total FROM product_token_facets f WHERE f.token IN (${sql.join(tokens)}) AND ${all(tests)}`;
}

export function buildProductIdsInOrderQuery(read: ResolvedRead, sort: Sort, window: Window) {
  const dir = sort === 'oldest' ? sql`ASC` : sql`DESC`;
  return sql<{ id: number }>`SELECT p.id FROM products p WHERE ${all(productTests(read, { inOrder: true }))}
    ORDER BY p.created_at ${dir}, p.id ${dir} LIMIT ${window.limit} OFFSET ${window.offset}`;
}

export function buildProductIdsBySellerQuery(read: ResolvedRead, sort: Sort, window: Window) {
  const dir = sort === 'oldest' ? sql`ASC` : sql`DESC`;
  const tests = productTests(read, { sellers: false });
  const branch = (sellerId: number) =>
    sql`(SELECT p.id, p.created_at FROM products p WHERE p.seller_id = ${sellerId} AND ${all(tests)}
      ORDER BY p.created_at ${dir}, p.id ${dir} LIMIT ${window.offset + window.limit})`;
  return sql<{ id: number }>`SELECT u.id FROM (${sql.join(read.allowed!.map(branch), sql` UNION ALL `)}) u
    ORDER BY u.created_at ${dir}, u.id ${dir} LIMIT ${window.limit} OFFSET ${window.offset}`;
}

/**
 * Discounted now, for a list of sellers that is not most of them: their rows of product_discounts (the live
 * products with a discount set, with registration time and flags), sorted. Reading products in order instead
 * skips every product of other sellers or without a discount (attribute 2 + discounted, 10,000 rows deep: ~320k).
 */
export function buildDiscountedIdsQuery(read: ResolvedRead, sort: Sort, window: Window) {
  const dir = sort === 'oldest' ? sql`ASC` : sql`DESC`;
  // product_discounts carries created_at and the flags under the products' names; its window stands for `discounted`.
  const { registeredFrom, registeredTo, onSale, displayed } = read.filters;
  const tests = [
    sellerIn(sql.ref('d.seller_id'), read.allowed ?? []),
    discountWindowContains('d.starts_at', 'd.ends_at', read.now),
    ...rowFilterTests({ registeredFrom, registeredTo, onSale, displayed }, 'd', read.now),
  ];
  return sql<{ id: number }>`SELECT d.product_id AS id FROM product_discounts d WHERE ${all(tests)}
    ORDER BY d.created_at ${dir}, d.product_id ${dir} LIMIT ${window.limit} OFFSET ${window.offset}`;
}

/** Every product the read matches, counted on the entries the in-order page reads. */
export function buildRowCountQuery(read: ResolvedRead) {
  return sql<{ total: number }>`SELECT COUNT(*) AS total FROM products p WHERE ${all(productTests(read))}`;
}
