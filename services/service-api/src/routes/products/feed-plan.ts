import { estimatePairPostings, estimatePostings, findTokensContaining, searchWords, sql, tokenPairsAcross, type Db } from '@brandi/db';
import type { ProductCursor } from './cursor.js';
import {
  buildProductListQuery,
  drivingProductIds,
  feedConditions,
  INDEX_LEADING_FILTERS,
  productsInPriceRange,
  type DrivingAccess,
  type FeedAccess,
  type ProductListFilter,
  type ProductListParams,
  type ProductListRow,
} from './products.repository.js';

// Which way each feed page is read (see FeedAccess): decided per request from cheap estimates, so that no
// combination of q, filters and sort reads more than a few thousand rows however many products there are.

/** The thresholds of planFeedAccess (tests lower them to plan small tables as the service plans big ones). */
export const FEED_PLAN_LIMITS = {
  // Rows that a page may read by key and sort (a word's postings, a price range): ~10–20 ms at most.
  drivingRows: 10_000,
  // Postings of the rarest word checked against every condition to estimate how many products match.
  sampledPostings: 500,
  // The longest words (the likeliest to be rare) go through the vocabulary; the rest are checked on the name.
  indexedWords: 8,
  // Token pairs of the two rarest words looked up at most (a one-letter word can match dozens of tokens).
  pairedTokens: 400,
};

/**
 * Chooses how a page is read. A price range, the rarest word's postings or the pair postings of the two
 * rarest words drive when they hold few rows (a word no vocabulary token contains ends it at once). Otherwise
 * every driver is common, and a sample of the narrowest estimates how many products match everything:
 * reading in sort order costs about (limit × rows in range) / matches, the driver one read per posting, and
 * the cheaper runs. Without q, a price range drives only when narrow and the sort is not by price (a price
 * sort reads the range in order anyway).
 */
export async function planFeedAccess(db: Db, params: ProductListParams, limits = FEED_PLAN_LIMITS): Promise<FeedAccess> {
  const { filter, sort } = params;
  if (filter.minPrice !== undefined && filter.maxPrice !== undefined && filter.minPrice > filter.maxPrice) return { kind: 'none' };
  const words = filter.q === undefined ? [] : searchWords(filter.q);
  const ranged = filter.minPrice !== undefined || filter.maxPrice !== undefined;
  const byRange: FeedAccess = sort === 'price_asc' || sort === 'price_desc' ? { kind: 'sorted' } : { kind: 'price' };
  if (words.length === 0) {
    if (!ranged || byRange.kind === 'sorted') return { kind: 'sorted' };
    return (await countPriceRangeUpTo(db, filter, limits.drivingRows + 1)) <= limits.drivingRows ? byRange : { kind: 'sorted' };
  }
  const indexed = [...words].sort((a, b) => b.length - a.length).slice(0, limits.indexedWords);
  const tokenLists = await findTokensContaining(db, indexed);
  if (tokenLists.some((tokens) => tokens.length === 0)) return { kind: 'none' };
  const [postings, priced] = await Promise.all([
    Promise.all(tokenLists.map((tokens) => estimatePostings(db, tokens))),
    ranged ? countPriceRangeUpTo(db, filter, limits.drivingRows + 1) : Infinity,
  ]);
  const byRarity = postings.map((n, i) => ({ n, tokens: tokenLists[i] })).sort((a, b) => a.n - b.n);
  let driver: { access: DrivingAccess; rows: number } = { access: { kind: 'postings', tokens: byRarity[0].tokens }, rows: byRarity[0].n };
  if (driver.rows <= Math.min(limits.drivingRows, priced)) return driver.access;
  if (priced <= limits.drivingRows) return byRange;
  const pairs = byRarity.length > 1 ? tokenPairsAcross(byRarity[0].tokens, byRarity[1].tokens) : [];
  if (pairs.length > 0 && pairs.length <= limits.pairedTokens) {
    const rows = await estimatePairPostings(db, pairs);
    if (rows < driver.rows) driver = { access: { kind: 'pairs', pairs }, rows };
    if (rows <= limits.drivingRows) return driver.access;
  }
  const [hits, scanned] = await Promise.all([
    countSampleMatches(db, params, driver.access, limits.sampledPostings),
    estimateSortedScanRows(db, filter),
  ]);
  const matches = (hits / limits.sampledPostings) * driver.rows;
  // Read in sort order until the page fills, or to the end of the range when too few match.
  const sortedOrderCost = Math.min(scanned, ((params.limit + 1) * scanned) / Math.max(matches, 1));
  return driver.rows < sortedOrderCost ? driver.access : { kind: 'sorted' };
}

/** Products in the price range (and category or seller ranges), from the index alone, counted up to `cap`. */
async function countPriceRangeUpTo(db: Db, filter: ProductListFilter, cap: number): Promise<number> {
  const row = await db
    .selectFrom(productsInPriceRange(db, filter).limit(cap).as('capped'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** How many of the driver's first `sample` postings are products the page would show. */
async function countSampleMatches(db: Db, params: ProductListParams, driver: DrivingAccess, sample: number): Promise<number> {
  const row = await db
    .selectFrom(drivingProductIds(db, driver, params.filter, sample))
    .innerJoin('products as p', 'p.id', 't.product_id')
    .innerJoin('sellers as s', 's.id', 'p.seller_id')
    .modifyFront(sql`STRAIGHT_JOIN`)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('p.is_displayed', '=', true)
    .where('p.deleted_at', 'is', null)
    .where('s.status', '=', 'active')
    .where((eb) => feedConditions(eb, params))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * About how many rows a sort-order read can cross: the narrowest index-leading filter's range (the optimizer's
 * estimate, from index dives), or every product (the highest id, read off the index end).
 */
async function estimateSortedScanRows(db: Db, filter: ProductListFilter): Promise<number> {
  const ranges = await Promise.all(
    INDEX_LEADING_FILTERS.filter(([name]) => filter[name] !== undefined).map(async ([name, column]) => {
      const plan = await db.selectFrom('products').select('id').where(column, '=', filter[name]!).explain();
      return Number(plan[0]?.rows ?? Infinity);
    }),
  );
  if (ranges.length > 0) return Math.min(...ranges);
  const row = await db
    .selectFrom('products')
    .select((eb) => eb.fn.max('id').as('max'))
    .executeTakeFirst();
  return Number(row?.max ?? 0);
}

/** One page of the feed and the cursor of the row after it, if any. */
export async function findProductPage(db: Db, params: ProductListParams): Promise<{ rows: ProductListRow[]; next: ProductCursor | null }> {
  const access = await planFeedAccess(db, params);
  const rows = access.kind === 'none' ? [] : await buildProductListQuery(db, params, access).execute();
  if (rows.length <= params.limit) return { rows, next: null };
  const page = rows.slice(0, params.limit);
  const last = page[page.length - 1];
  const key = last.sort_key instanceof Date ? last.sort_key.getTime() : Number(last.sort_key);
  return { rows: page, next: { key, id: last.id } };
}
