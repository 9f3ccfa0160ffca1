import { discountWindowContains, sql, tokenPairsAcross, type Database } from '@brandi/db';
import type { Kysely, RawBuilder } from 'kysely';
import type { Actor } from '../../../types.js';
import { kstDayEnd, kstDayStart } from '../../../kst-days.js';
import {
  isTokenNameSearch,
  nameContainsPattern,
  nameTokensContaining,
  nameWords,
  sellerAttributeIdsOf,
  type ResolvedProductFilters,
} from './filters.js';

// How GET /products finds a page and its exact total at a million products, whatever the filters.
//
// Sellers are resolved to ids first (5,000 rows): the attributes and name filters, a seller's own scope and
// `sellerId` become one allowed list, and without one the sellers with no attribute (the list never shows
// their products) become an excluded list. Every filter is then a column test on one index entry, so no
// page or count joins sellers:
// - a name search (admin, not narrowed to a few sellers) reads product_token_facets: the lead word's tokens
//   are ranges in registration order holding every filtered column and the name, on which the other words
//   are tested; when two of the words share few names (a pair route, below ~20k pair postings), those
//   products come straight from product_name_token_pairs and are read by primary key, tested and sorted;
// - a few sellers (cheaper than reading in order) are read seller by seller through ix_products_seller_live,
//   each seller's first offset + limit rows, merged;
// - anything else is read in registration order off ix_products_live_created (or its on-sale / displayed
//   twin when that flag is filtered), skipping what does not match.
// Totals come from the counter tables where they can answer (product_counts, product_discounts,
// seller_product_counts), else are counted on the same index entries the page reads; a seller list covering
// most products is counted as everything minus the sellers left out.

type Executor = Kysely<Database>;
type Window = { limit: number; offset: number };
type Sort = 'newest' | 'oldest';

export interface ListPlan {
  actor: Actor;
  filters: ResolvedProductFilters;
  /** Only these sellers (sorted); undefined: any seller but those in `excluded`. */
  allowed?: number[];
  /** Sellers without an attribute, left out when there is no allowed list. */
  excluded: number[];
  /** The name search's words and, per word, the vocabulary tokens containing it. */
  words?: { word: string; tokens: string[] }[];
  /** Which word drives a facets read (see leadWord), once decided. */
  lead?: Promise<number>;
  /** The token pairs of two words that share few names (see pairRoute), once decided; undefined: none. */
  pairs?: Promise<[string, string][] | undefined>;
  now: Date;
}

const intersect = (a: number[] | undefined, b: number[]) => (a === undefined ? b : b.filter((id) => a.includes(id)));

/** Resolves sellers and name tokens; the rest of the filters are used as given. */
export async function planProductList(db: Executor, actor: Actor, given: ResolvedProductFilters, now: Date): Promise<ListPlan> {
  // A name search of spaces only matches every name (as `LIKE '%%'`): it filters nothing.
  const blank = given.q !== undefined && (given.searchField ?? 'name') === 'name' && nameWords(given.q).length === 0;
  const filters: ResolvedProductFilters = blank ? { ...given, q: undefined, searchField: undefined } : given;
  const [attributed, unattributed] = await Promise.all([
    db
      .selectFrom('sellers')
      .select('id')
      .where((eb) =>
        filters.sellerAttributeIds !== undefined
          ? eb('attribute_id', 'in', sellerAttributeIdsOf(filters.sellerAttributeIds))
          : eb('attribute_id', 'is not', null),
      )
      .orderBy('id')
      .execute(),
    db.selectFrom('sellers').select('id').where('attribute_id', 'is', null).orderBy('id').execute(),
  ]);
  let allowed: number[] | undefined;
  if (filters.sellerAttributeIds !== undefined) allowed = attributed.map((s) => s.id);
  const named = new Set(filters.sellersNamed ?? []);
  if (filters.sellersNamed !== undefined) allowed = (allowed ?? attributed.map((s) => s.id)).filter((id) => named.has(id));
  if (filters.sellerId !== undefined) allowed = intersect(allowed, [filters.sellerId]);
  if (actor.role !== 'admin') allowed = intersect(allowed, [actor.id]);
  const excludedIds = unattributed.map((s) => s.id);
  // A seller without an attribute never lists (the list joins the attribute).
  if (allowed !== undefined) allowed = allowed.filter((id) => !excludedIds.includes(id));
  const plan: ListPlan = { actor, filters, allowed, excluded: excludedIds, now };
  if (isTokenNameSearch(filters)) {
    const words = nameWords(filters.q);
    plan.words = await Promise.all(
      words.map(async (word) => ({ word, tokens: (await nameTokensContaining(db, word).execute()).map((t) => t.token) })),
    );
  }
  return plan;
}

/** True when the filters cannot match any product (a word no live name holds, no allowed seller). */
const matchesNothing = (plan: ListPlan) => plan.allowed?.length === 0 || (plan.words ?? []).some((w) => w.tokens.length === 0);

// MariaDB turns an IN list of 1,000 values or more into a join with a temporary table (in_predicate_conversion_
// threshold), which can then drive the query and sort every matching row; lists are split below that size.
const IN_LIST_CHUNK = 900;
const chunks = (ids: number[]) =>
  Array.from({ length: Math.ceil(ids.length / IN_LIST_CHUNK) }, (_, i) => ids.slice(i * IN_LIST_CHUNK, (i + 1) * IN_LIST_CHUNK));

function sellerIn(column: RawBuilder<unknown>, ids: number[]): RawBuilder<boolean> {
  if (ids.length === 0) return sql<boolean>`FALSE`;
  return sql<boolean>`(${sql.join(
    chunks(ids).map((chunk) => sql`${column} IN (${sql.join(chunk)})`),
    sql` OR `,
  )})`;
}

function sellerNotIn(column: RawBuilder<unknown>, ids: number[]): RawBuilder<boolean> {
  return sql<boolean>`(${sql.join(
    chunks(ids).map((chunk) => sql`${column} NOT IN (${sql.join(chunk)})`),
    sql` AND `,
  )})`;
}

/** The column tests every path shares, on the table aliased `alias` (products or product_token_facets). */
function columnTests(plan: ListPlan, alias: 'p' | 'f', options: { sellers?: boolean; inOrder?: boolean } = {}): RawBuilder<boolean>[] {
  const col = (name: string) => sql.ref(`${alias}.${name}`);
  const { filters } = plan;
  const tests: RawBuilder<boolean>[] = [];
  if (options.sellers !== false) {
    // Read in order, the seller list is a test on each entry: `+ 0` keeps the optimizer from ranging over a
    // seller index instead (and sorting every product of a long list).
    const seller = options.inOrder ? sql`(${col('seller_id')} + 0)` : col('seller_id');
    if (plan.allowed !== undefined) tests.push(sellerIn(seller, plan.allowed));
    else if (plan.excluded.length > 0) tests.push(sellerNotIn(seller, plan.excluded));
  }
  if (filters.registeredFrom !== undefined) tests.push(sql<boolean>`${col('created_at')} >= ${kstDayStart(filters.registeredFrom)}`);
  if (filters.registeredTo !== undefined) tests.push(sql<boolean>`${col('created_at')} < ${kstDayEnd(filters.registeredTo)}`);
  if (filters.onSale !== undefined) tests.push(sql<boolean>`${col('is_on_sale')} = ${filters.onSale}`);
  if (filters.displayed !== undefined) tests.push(sql<boolean>`${col('is_displayed')} = ${filters.displayed}`);
  if (filters.discounted !== undefined) {
    const active = sql<boolean>`(${col('discount_rate')} > 0 AND ${discountWindowContains(`${alias}.discount_starts_at`, `${alias}.discount_ends_at`, plan.now)})`;
    tests.push(filters.discounted ? active : sql<boolean>`NOT ${active}`);
  }
  return tests;
}

const all = (tests: RawBuilder<boolean>[]) => (tests.length === 0 ? sql<boolean>`TRUE` : sql<boolean>`(${sql.join(tests, sql` AND `)})`);

// Sellers few enough to read one by one (each an ordered range of ix_products_seller_live).
const MAX_SELLER_BRANCHES = 200;

/** Whether the name search reads product_token_facets (an admin's, not narrowed to a few sellers). */
function usesFacets(plan: ListPlan): boolean {
  if (plan.words === undefined) return false;
  return plan.actor.role === 'admin' && (plan.allowed === undefined || plan.allowed.length > MAX_SELLER_BRANCHES);
}

// ---------------------------------------------------------------------------------------------------- facets

/** The words other than the lead, each tested on the facet row's copy of the name (as `name LIKE` would). */
function otherWordsTests(plan: ListPlan, lead: number): RawBuilder<boolean>[] {
  return (plan.words ?? []).filter((_, i) => i !== lead).map((w) => sql<boolean>`f.name LIKE ${nameContainsPattern(w.word)}`);
}

/** The word whose tokens hold the fewest postings (each counted up to a cap), so it drives; decided once a plan. */
function leadWord(db: Executor, plan: ListPlan): Promise<number> {
  plan.lead ??= findLeadWord(db, plan);
  return plan.lead;
}

async function findLeadWord(db: Executor, plan: ListPlan): Promise<number> {
  const words = plan.words ?? [];
  if (words.length < 2) return 0;
  // EXPLAIN's index dives (a millisecond) rather than counting each word's rows (up to 20k index entries each).
  const sizes = await Promise.all(words.map((w) => estimateFacetRows(db, plan, w.tokens)));
  return sizes.indexOf(Math.min(...sizes));
}

// ----------------------------------------------------------------------------------------------------- pairs

// A pair route is taken when two words' pair postings are at most this many: reading that many products by
// primary key (tested, sorted) costs about what counting a common word's facet range does (~40 ms at 1M).
const PAIR_ROUTE_MAX = 20_000;
// Pair lists longer than this (short words contained in many tokens) are not looked up.
const MAX_PAIRS = 400;

/** The token pairs of the two words sharing the fewest names, if few enough to read by primary key; decided once a plan. */
export function pairRoute(db: Executor, plan: ListPlan): Promise<[string, string][] | undefined> {
  plan.pairs ??= findPairRoute(db, plan);
  return plan.pairs;
}

async function findPairRoute(db: Executor, plan: ListPlan): Promise<[string, string][] | undefined> {
  const words = plan.words ?? [];
  if (words.length < 2) return undefined;
  // Every pair of words (a query has few), each with its token pairs; none when the words share a token (a
  // name holding that one token has both words, with no pair posting for them).
  const candidates: [string, string][][] = [];
  for (let i = 0; i < words.length && candidates.length < 6; i++) {
    for (let j = i + 1; j < words.length && candidates.length < 6; j++) {
      const pairs = tokenPairsAcross(words[i].tokens, words[j].tokens);
      if (pairs.length > 0 && pairs.length <= MAX_PAIRS) candidates.push(pairs);
    }
  }
  if (candidates.length === 0) return undefined;
  const sizes = await Promise.all(
    candidates.map(async (pairs) => {
      const row = await sql<{
        n: number;
      }>`SELECT COUNT(*) AS n FROM (SELECT 1 FROM product_name_token_pairs t WHERE ${pairTests(pairs)} LIMIT ${PAIR_ROUTE_MAX + 1}) x`.execute(
        db,
      );
      return Number(row.rows[0]?.n ?? 0);
    }),
  );
  const best = sizes.indexOf(Math.min(...sizes));
  if (sizes[best] > PAIR_ROUTE_MAX) return undefined;
  // A product read by primary key costs about what PAIR_READ_COST facet rows read in a range do: a registration
  // range narrowing the word's facet ranges can make them the cheaper read.
  const facetRows = await Promise.all(words.map((w) => estimateFacetRows(db, plan, w.tokens)));
  return sizes[best] * PAIR_READ_COST <= Math.min(...facetRows) ? candidates[best] : undefined;
}

const PAIR_READ_COST = 8;

/** About how many facet rows a word's tokens hold within the registration range (EXPLAIN's estimate, index dives). */
async function estimateFacetRows(db: Executor, plan: ListPlan, tokens: string[]): Promise<number> {
  const { filters } = plan;
  const tests = [sql<boolean>`f.token IN (${sql.join(tokens)})`];
  if (filters.registeredFrom !== undefined) tests.push(sql<boolean>`f.created_at >= ${kstDayStart(filters.registeredFrom)}`);
  if (filters.registeredTo !== undefined) tests.push(sql<boolean>`f.created_at < ${kstDayEnd(filters.registeredTo)}`);
  const rows = await sql<{ rows: number | null }>`EXPLAIN SELECT 1 FROM product_token_facets f WHERE ${all(tests)}`.execute(db);
  return rows.rows.reduce((most, row) => Math.max(most, Number(row.rows ?? 0)), 0);
}

/** Pair postings of `pairs`, each in both orders (only the one in binary order is stored), ranges of the primary key. */
const pairTests = (pairs: [string, string][]) =>
  sql<boolean>`(${sql.join(
    pairs.flatMap(([x, y]) => [sql`(t.token_a = ${x} AND t.token_b = ${y})`, sql`(t.token_a = ${y} AND t.token_b = ${x})`]),
    sql` OR `,
  )})`;

/**
 * The products holding both words of the pair route, read by primary key (STRAIGHT_JOIN: the pair postings
 * drive), with every filter and every word tested on the row.
 */
const pairProducts = (plan: ListPlan, pairs: [string, string][]) =>
  sql`(SELECT DISTINCT t.product_id FROM product_name_token_pairs t WHERE ${pairTests(pairs)}) x
    STRAIGHT_JOIN products p ON p.id = x.product_id WHERE ${all(productTests(plan))}`;

export function buildPairIdsQuery(plan: ListPlan, pairs: [string, string][], sort: Sort, window: Window) {
  const dir = sort === 'oldest' ? sql`ASC` : sql`DESC`;
  return sql<{ id: number }>`SELECT p.id FROM ${pairProducts(plan, pairs)}
    ORDER BY p.created_at ${dir}, p.id ${dir} LIMIT ${window.limit} OFFSET ${window.offset}`;
}

/**
 * A pair route's page with its total in one statement: the products are read by primary key once, not once for
 * the page and again for the total. The first row (rn = 1) always comes back, so a page past the end still
 * carries the total.
 */
export function buildPairPageQuery(plan: ListPlan, pairs: [string, string][], sort: Sort, window: Window) {
  const dir = sort === 'oldest' ? sql`ASC` : sql`DESC`;
  return sql<{ id: number; total: number; rn: number }>`SELECT z.id, z.total, z.rn FROM (SELECT p.id, COUNT(*) OVER () AS total,
    ROW_NUMBER() OVER (ORDER BY p.created_at ${dir}, p.id ${dir}) AS rn FROM ${pairProducts(plan, pairs)}) z
    WHERE z.rn = 1 OR z.rn > ${window.offset} ORDER BY z.rn LIMIT ${window.limit + 1}`;
}

/** The page's ids and the total of a plan on the pair route; undefined: another route. */
export async function findPairPage(
  db: Executor,
  plan: ListPlan,
  sort: Sort,
  window: Window,
): Promise<{ ids: number[]; total: number } | undefined> {
  if (matchesNothing(plan) || !usesFacets(plan)) return undefined;
  const pairs = await pairRoute(db, plan);
  if (pairs === undefined) return undefined;
  const rows = (await buildPairPageQuery(plan, pairs, sort, window).execute(db)).rows;
  const ids = rows.filter((r) => Number(r.rn) > window.offset && Number(r.rn) <= window.offset + window.limit).map((r) => Number(r.id));
  return { ids, total: Number(rows[0]?.total ?? 0) };
}

export function buildPairCountQuery(plan: ListPlan, pairs: [string, string][]) {
  return sql<{ total: number }>`SELECT COUNT(*) AS total FROM ${pairProducts(plan, pairs)}`;
}

export function buildFacetIdsQuery(plan: ListPlan, lead: number, sort: Sort, window: Window) {
  const dir = sort === 'oldest' ? sql`ASC` : sql`DESC`;
  const tests = [...columnTests(plan, 'f'), ...otherWordsTests(plan, lead)];
  const tokens = plan.words![lead].tokens;
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

export function buildFacetCountQuery(plan: ListPlan, lead: number) {
  const tests = [...columnTests(plan, 'f'), ...otherWordsTests(plan, lead)];
  const tokens = plan.words![lead].tokens;
  if (tokens.length === 1)
    return sql<{ total: number }>`SELECT COUNT(*) AS total FROM product_token_facets f WHERE f.token = ${tokens[0]} AND ${all(tests)}`;
  return sql<{
    total: number;
  }>`SELECT COUNT(DISTINCT f.product_id) AS total FROM product_token_facets f WHERE f.token IN (${sql.join(tokens)}) AND ${all(tests)}`;
}

// -------------------------------------------------------------------------------------------------- products

/** The tests on products rows: shared columns plus deletion, id / code, and the name words (LIKE) when not via facets. */
function productTests(plan: ListPlan, options: { sellers?: boolean; inOrder?: boolean } = {}): RawBuilder<boolean>[] {
  const tests = [sql<boolean>`p.deleted_at IS NULL`, ...columnTests(plan, 'p', options)];
  const { filters } = plan;
  if (filters.q !== undefined) {
    const field = filters.searchField ?? 'name';
    const text = filters.q.trim();
    if (field === 'code') tests.push(sql<boolean>`p.code = ${text}`);
    else if (field === 'id') tests.push(sql<boolean>`p.id = ${/^[1-9][0-9]{0,9}$/.test(text) ? Number(text) : 0}`);
    else for (const word of nameWords(filters.q)) tests.push(sql<boolean>`p.name LIKE ${nameContainsPattern(word)}`);
  }
  return tests;
}

/** Whether reading seller by seller beats reading in registration order (see readInOrderFrom in the repository). */
async function readsSellerBySeller(db: Executor, plan: ListPlan, rows: number): Promise<boolean> {
  if (plan.allowed === undefined || plan.allowed.length > MAX_SELLER_BRANCHES) return false;
  if (plan.allowed.length <= 1) return true;
  const counts = await db
    .selectFrom('seller_product_counts')
    .select(['seller_id', (eb) => eb.fn.sum<number>('product_count').as('n')])
    .where(sellerIn(sql.ref('seller_id'), plan.allowed))
    .groupBy('seller_id')
    .execute();
  const [live, everything] = [counts.reduce((sum, c) => sum + Number(c.n), 0), await liveProducts(db)];
  const bySeller = counts.reduce((sum, c) => sum + Math.min(rows, Number(c.n)), 0);
  const inOrder = live === 0 ? everything : (rows * everything) / live;
  return bySeller <= inOrder;
}

async function liveProducts(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('seller_product_counts')
    .select((eb) => eb.fn.sum<number | null>('product_count').as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n ?? 0);
}

export function buildProductIdsInOrderQuery(plan: ListPlan, sort: Sort, window: Window) {
  const dir = sort === 'oldest' ? sql`ASC` : sql`DESC`;
  return sql<{ id: number }>`SELECT p.id FROM products p WHERE ${all(productTests(plan, { inOrder: true }))}
    ORDER BY p.created_at ${dir}, p.id ${dir} LIMIT ${window.limit} OFFSET ${window.offset}`;
}

export function buildProductIdsBySellerQuery(plan: ListPlan, sort: Sort, window: Window) {
  const dir = sort === 'oldest' ? sql`ASC` : sql`DESC`;
  const tests = productTests(plan, { sellers: false });
  const branch = (sellerId: number) =>
    sql`(SELECT p.id, p.created_at FROM products p WHERE p.seller_id = ${sellerId} AND ${all(tests)}
      ORDER BY p.created_at ${dir}, p.id ${dir} LIMIT ${window.offset + window.limit})`;
  return sql<{ id: number }>`SELECT u.id FROM (${sql.join(plan.allowed!.map(branch), sql` UNION ALL `)}) u
    ORDER BY u.created_at ${dir}, u.id ${dir} LIMIT ${window.limit} OFFSET ${window.offset}`;
}

/**
 * Discounted now, for a list of sellers that is not most of them: their rows of product_discounts (the live
 * products with a discount set, with registration time and flags), sorted. Reading products in order instead
 * skips every product of other sellers or without a discount (attribute 2 + discounted, 10,000 rows deep: ~320k).
 */
export function buildDiscountedIdsQuery(plan: ListPlan, sort: Sort, window: Window) {
  const dir = sort === 'oldest' ? sql`ASC` : sql`DESC`;
  const { filters } = plan;
  const tests = [sellerIn(sql.ref('d.seller_id'), plan.allowed ?? []), discountWindowContains('d.starts_at', 'd.ends_at', plan.now)];
  if (filters.registeredFrom !== undefined) tests.push(sql<boolean>`d.created_at >= ${kstDayStart(filters.registeredFrom)}`);
  if (filters.registeredTo !== undefined) tests.push(sql<boolean>`d.created_at < ${kstDayEnd(filters.registeredTo)}`);
  if (filters.onSale !== undefined) tests.push(sql<boolean>`d.is_on_sale = ${filters.onSale}`);
  if (filters.displayed !== undefined) tests.push(sql<boolean>`d.is_displayed = ${filters.displayed}`);
  return sql<{ id: number }>`SELECT d.product_id AS id FROM product_discounts d WHERE ${all(tests)}
    ORDER BY d.created_at ${dir}, d.product_id ${dir} LIMIT ${window.limit} OFFSET ${window.offset}`;
}

/** Whether a discounted page of an allowed seller list is cheaper from product_discounts (under half the products). */
async function readsDiscounts(db: Executor, plan: ListPlan): Promise<boolean> {
  const { filters } = plan;
  if (filters.discounted !== true || filters.q !== undefined || plan.allowed === undefined) return false;
  const [theirs, everything] = await Promise.all([sumSellerCounts(db, plan.allowed, {}), liveProducts(db)]);
  return theirs * 2 < everything;
}

// ---------------------------------------------------------------------------------------------------- totals

// Below this many products in a registration range, a discounted total is counted on that range.
const DATED_DISCOUNT_ROWS = 100_000;

const COUNTER_FILTERS = new Set(['registeredFrom', 'registeredTo', 'sellerAttributeIds', 'onSale', 'displayed']);
const DISCOUNT_FILTERS = new Set(['discounted', 'registeredFrom', 'registeredTo', 'onSale', 'displayed']);
const SELLER_FILTERS = new Set(['sellerName', 'sellersNamed', 'sellerAttributeIds', 'sellerId', 'onSale', 'displayed']);

const used = (filters: ResolvedProductFilters) =>
  Object.keys(filters).filter(
    (name) => name !== 'namedProductIds' && name !== 'searchField' && filters[name as keyof ResolvedProductFilters] !== undefined,
  );

/** Live products counted from product_counts (attribute, registration day and flag filters only). */
export function productCountsSum(db: Executor, filters: ResolvedProductFilters) {
  let query = db.selectFrom('product_counts').select((eb) => eb.fn.sum<number | null>('product_count').as('total'));
  // Attribute 0 (a seller without one) is left out, as the list's join to seller_attributes leaves it out.
  query =
    filters.sellerAttributeIds !== undefined
      ? query.where('attribute_id', 'in', sellerAttributeIdsOf(filters.sellerAttributeIds))
      : query.where('attribute_id', '>', 0);
  if (filters.registeredFrom !== undefined) query = query.where('registered_day', '>=', sql<Date>`${filters.registeredFrom}`);
  if (filters.registeredTo !== undefined) query = query.where('registered_day', '<=', sql<Date>`${filters.registeredTo}`);
  if (filters.onSale !== undefined) query = query.where('is_on_sale', '=', filters.onSale);
  if (filters.displayed !== undefined) query = query.where('is_displayed', '=', filters.displayed);
  return query;
}

export async function sumProductCounts(db: Executor, filters: ResolvedProductFilters): Promise<number> {
  return Number((await productCountsSum(db, filters).executeTakeFirstOrThrow()).total ?? 0);
}

async function sumSellerCounts(db: Executor, sellers: number[], filters: ResolvedProductFilters): Promise<number> {
  if (sellers.length === 0) return 0;
  let query = db
    .selectFrom('seller_product_counts')
    .select((eb) => eb.fn.sum<number | null>('product_count').as('total'))
    .where(sellerIn(sql.ref('seller_id'), sellers));
  if (filters.onSale !== undefined) query = query.where('is_on_sale', '=', filters.onSale);
  if (filters.displayed !== undefined) query = query.where('is_displayed', '=', filters.displayed);
  return Number((await query.executeTakeFirstOrThrow()).total ?? 0);
}

/** Sellers past which a discounted count is split in two statements run side by side (one per core). */
const PARALLEL_DISCOUNT_SELLERS = 1_000;

/**
 * Discounted-now products of these sellers (with flag filters): product_discounts by (seller_id, window). Many
 * sellers (attributes 1,4,7: ~2,100, ~127k entries, ~110 ms) are counted as two halves at once.
 */
export async function countDiscountedOf(db: Executor, sellers: number[], filters: ResolvedProductFilters, now: Date): Promise<number> {
  if (sellers.length === 0) return 0;
  if (sellers.length > PARALLEL_DISCOUNT_SELLERS) {
    const half = Math.ceil(sellers.length / 2);
    const counts = await Promise.all(
      [sellers.slice(0, half), sellers.slice(half)].map((part) => countDiscountedOf(db, part, filters, now)),
    );
    return counts[0]! + counts[1]!;
  }
  let query = db
    .selectFrom('product_discounts as d')
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .where(sellerIn(sql.ref('d.seller_id'), sellers))
    .where(discountWindowContains('d.starts_at', 'd.ends_at', now));
  if (filters.onSale !== undefined) query = query.where('d.is_on_sale', '=', filters.onSale);
  if (filters.displayed !== undefined) query = query.where('d.is_displayed', '=', filters.displayed);
  return Number((await query.executeTakeFirstOrThrow()).total);
}

async function countRows(db: Executor, plan: ListPlan): Promise<number> {
  const result = await sql<{ total: number }>`SELECT COUNT(*) AS total FROM products p WHERE ${all(productTests(plan))}`.execute(db);
  return Number(result.rows[0]?.total ?? 0);
}

/**
 * The exact total. `countDiscountTotal` answers an admin's discounted filter without sellers (the repository's
 * product_discounts query).
 */
export async function countPlan(
  db: Executor,
  plan: ListPlan,
  countDiscountTotal: (filters: ResolvedProductFilters) => Promise<number>,
  complement = true,
): Promise<number> {
  if (matchesNothing(plan)) return 0;
  const { filters } = plan;
  if (usesFacets(plan)) {
    const pairs = await pairRoute(db, plan);
    if (pairs !== undefined) return Number((await buildPairCountQuery(plan, pairs).execute(db)).rows[0]?.total ?? 0);
    const lead = await leadWord(db, plan);
    return Number((await buildFacetCountQuery(plan, lead).execute(db)).rows[0]?.total ?? 0);
  }
  const names = used(filters);
  const byAttributesOnly = filters.sellersNamed === undefined && filters.sellerId === undefined && plan.actor.role === 'admin';
  if (filters.q === undefined) {
    if (byAttributesOnly && names.every((n) => COUNTER_FILTERS.has(n))) return sumProductCounts(db, filters);
    if (plan.allowed === undefined && names.every((n) => DISCOUNT_FILTERS.has(n))) {
      // A registration range narrower than the discount window index (~a third of all products) is cheaper
      // counted on the live index's range, which holds the discount columns.
      const dated = filters.registeredFrom !== undefined || filters.registeredTo !== undefined;
      const inRange = dated
        ? await sumProductCounts(db, { registeredFrom: filters.registeredFrom, registeredTo: filters.registeredTo })
        : Infinity;
      return inRange < DATED_DISCOUNT_ROWS ? countRows(db, plan) : countDiscountTotal(filters);
    }
    if (plan.allowed !== undefined && names.every((n) => SELLER_FILTERS.has(n))) return sumSellerCounts(db, plan.allowed, filters);
  }
  if (complement && plan.actor.role === 'admin' && plan.allowed !== undefined && plan.allowed.length > MAX_SELLER_BRANCHES) {
    // Most sellers allowed: everything the other filters match, minus what the sellers left out have.
    const everyone = await db.selectFrom('sellers').select('id').where('attribute_id', 'is not', null).orderBy('id').execute();
    const allowed = new Set(plan.allowed);
    const left = everyone.map((s) => s.id).filter((id) => !allowed.has(id));
    const [inAllowed, inLeft] = await Promise.all([sumSellerCounts(db, plan.allowed, {}), sumSellerCounts(db, left, {})]);
    if (inLeft < inAllowed) {
      const { sellerName: _n, sellersNamed: _s, sellerAttributeIds: _a, ...rest } = filters;
      const [whole, leftOut] = await Promise.all([
        countPlan(db, { ...plan, filters: rest, allowed: undefined }, countDiscountTotal, false),
        left.length === 0
          ? 0
          : countPlan(db, { ...plan, filters: { ...rest, sellersNamed: left }, allowed: left }, countDiscountTotal, false),
      ]);
      return whole - leftOut;
    }
  }
  if (filters.q === undefined && plan.allowed !== undefined && names.every((n) => SELLER_FILTERS.has(n) || n === 'discounted')) {
    if (filters.discounted) return countDiscountedOf(db, plan.allowed, filters, plan.now);
    const [sellers, active] = await Promise.all([
      sumSellerCounts(db, plan.allowed, filters),
      countDiscountedOf(db, plan.allowed, filters, plan.now),
    ]);
    return sellers - active;
  }
  return countRows(db, plan);
}

/** The ids of one page, by the cheapest of the ways above. */
export async function findPlanPageIds(db: Executor, plan: ListPlan, sort: Sort, window: Window): Promise<number[]> {
  if (matchesNothing(plan)) return [];
  const rows = window.offset + window.limit;
  let query: RawBuilder<{ id: number }>;
  const pairs = usesFacets(plan) ? await pairRoute(db, plan) : undefined;
  if (pairs !== undefined) query = buildPairIdsQuery(plan, pairs, sort, window);
  else if (usesFacets(plan)) query = buildFacetIdsQuery(plan, await leadWord(db, plan), sort, window);
  else if (await readsSellerBySeller(db, plan, rows)) query = buildProductIdsBySellerQuery(plan, sort, window);
  else if (await readsDiscounts(db, plan)) query = buildDiscountedIdsQuery(plan, sort, window);
  else query = buildProductIdsInOrderQuery(plan, sort, window);
  return (await query.execute(db)).rows.map((r) => Number(r.id));
}

/** An admin plan over every live product, for a name search's words (the exports' and the inbox's lookups). */
async function wordsPlan(db: Executor, words: string[]): Promise<ListPlan> {
  const resolved = await Promise.all(
    words.map(async (word) => ({ word, tokens: (await nameTokensContaining(db, word).execute()).map((t) => t.token) })),
  );
  return {
    actor: { id: 0, role: 'admin', status: 'active', attributeId: null, nameKo: '' },
    filters: {},
    excluded: [],
    words: resolved,
    now: new Date(),
  };
}

/** The live products holding every word and the phrase: the lead word's facet rows, the rest tested on their copy of the name. */
function facetProductsWithWords(plan: ListPlan, lead: number, phrase?: string) {
  const tests = otherWordsTests(plan, lead);
  if (phrase !== undefined) tests.push(sql<boolean>`f.name LIKE ${nameContainsPattern(phrase)}`);
  return sql<{
    id: number;
  }>`SELECT DISTINCT f.product_id AS id FROM product_token_facets f WHERE f.token IN (${sql.join(plan.words![lead].tokens)}) AND ${all(tests)}`;
}

/**
 * Live products whose name holds every word (each inside a token) and, if given, the phrase, at most `cap` of
 * them (undefined when there are more): the lead word's facet rows, the rest tested on their copy of the name.
 */
export async function liveProductsWithWords(db: Executor, words: string[], cap: number, phrase?: string): Promise<number[] | undefined> {
  const plan = await wordsPlan(db, words);
  if (matchesNothing(plan)) return [];
  const rows = await sql<{ id: number }>`${facetProductsWithWords(plan, await leadWord(db, plan), phrase)} LIMIT ${cap + 1}`.execute(db);
  return rows.rows.length > cap ? undefined : rows.rows.map((r) => Number(r.id));
}

/** What an inbox phrase search needs of the live names: the lead word's tokens and a sample of its facet rows. */
export interface PhraseLead {
  word: string;
  tokens: string[];
  /** The live products whose name contains the phrase (every word's tokens, the phrase on the name). */
  matching: RawBuilder<{ id: number }>;
  /** The live products under the lead word's tokens whose name does not contain the phrase. */
  others: RawBuilder<{ id: number }>;
  /** Of the lead word's first facet rows (at most PHRASE_SAMPLE), how many there are and how many hold the phrase. */
  sampled: number;
  holding: number;
}

export const PHRASE_SAMPLE = 2_000;

/** The lead word of a phrase (the word with the fewest facet rows) and a sample of how often its names hold the phrase; undefined: a word is in no live name. */
export async function phraseLead(db: Executor, phrase: string): Promise<PhraseLead | undefined> {
  const plan = await wordsPlan(db, nameWords(phrase));
  if (matchesNothing(plan)) return undefined;
  const lead = await leadWord(db, plan);
  const { word, tokens } = plan.words![lead];
  const pattern = nameContainsPattern(phrase);
  const sample = await sql<{ n: number; m: number | null }>`SELECT COUNT(*) AS n, SUM(s.name LIKE ${pattern}) AS m
    FROM (SELECT f.name FROM product_token_facets f WHERE f.token IN (${sql.join(tokens)}) LIMIT ${PHRASE_SAMPLE}) s`.execute(db);
  return {
    word,
    tokens,
    matching: facetProductsWithWords(plan, lead, phrase),
    others: sql<{
      id: number;
    }>`SELECT DISTINCT f.product_id AS id FROM product_token_facets f WHERE f.token IN (${sql.join(tokens)}) AND NOT (f.name LIKE ${pattern})`,
    sampled: Number(sample.rows[0]?.n ?? 0),
    holding: Number(sample.rows[0]?.m ?? 0),
  };
}
