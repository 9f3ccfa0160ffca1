import { countLiveProducts, productsPerSeller, sumProductCounts, sumSellerCounts, type CounterFilters, type Database } from '@brandi/db';
import type { Kysely } from 'kysely';
import { sellerAttributeIdsOf, type ProductFilterQuery, type ResolvedProductFilters } from '../routes/filter-query.js';
import { isTokenNameSearch, nameWords } from './filter-predicates.js';
import {
  matchesNothing,
  MAX_SELLER_BRANCHES,
  resolveProductRead,
  resolveSellerName,
  usesFacets,
  type ProductScope,
  type ResolvedRead,
} from './resolved-read.js';
import { leadWord, liveProductsWithWords, pairRoute } from './word-routes.js';

// The one planner of back-office product reads (GET /products and GET /products/export): the user's filters and
// the reader's scope in; the access path (how rows are found, access-paths.ts) and the count strategy (how the
// exact total is found) out. Hints are its output, never fields of the filters.
// - a name search (admin, not narrowed to a few sellers) reads product_token_facets or, for two words sharing
//   few names, the pair postings (word-routes.ts); the export reads a rare word's few products by primary key;
// - a few sellers (cheaper than reading in order) are read seller by seller through ix_products_seller_live;
// - discounted, for a seller list under half the products, reads product_discounts;
// - anything else is read in registration order off ix_products_live_created (or its flag twins).
// Totals come from the derived tables (@brandi/db product-index) where COUNTABLE_BY allows, else are counted on
// the entries the page reads; a seller list covering most products is counted as everything minus the rest.

type Executor = Kysely<Database>;

export type AccessPath =
  | { kind: 'nothing' }
  | { kind: 'pairs'; pairs: [string, string][] }
  | { kind: 'facets'; lead: number }
  | { kind: 'by-seller' }
  | { kind: 'discounts' }
  | { kind: 'in-order' }
  | { kind: 'named-ids'; ids: number[] };

export type CountStrategy =
  | { kind: 'none' }
  | { kind: 'pairs'; pairs: [string, string][] }
  | { kind: 'facets'; lead: number }
  | { kind: 'product-counts' }
  | { kind: 'discount-total' }
  | { kind: 'seller-counts' }
  | { kind: 'seller-discounts' }
  | { kind: 'rows' }
  | { kind: 'complement'; whole: CountedRead; leftOut?: CountedRead };

export interface CountedRead {
  read: ResolvedRead;
  count: CountStrategy;
}

export interface ProductReadPlan {
  read: ResolvedRead;
  accessPath: AccessPath;
  /** `none` for the export, and for the pair path (its page statement carries the total). */
  countStrategy: CountStrategy;
}

/** The list reads `rows` (offset + limit) for one page; the export reads batches of `rows` in order. */
export type ReadPurpose = { purpose: 'list' | 'export'; rows: number };

export async function planProductRead(
  db: Executor,
  userFilters: ProductFilterQuery,
  scope: ProductScope,
  { purpose, rows }: ReadPurpose,
): Promise<ProductReadPlan> {
  const read = await resolveProductRead(db, scope.actor, await resolveSellerName(db, userFilters), scope.now);
  if (purpose === 'export') return { read, accessPath: await exportPath(db, read, rows), countStrategy: { kind: 'none' } };
  const [accessPath, countStrategy] = await Promise.all([listPath(db, read, rows), chooseCount(db, read)]);
  return { read, accessPath, countStrategy: accessPath.kind === 'pairs' ? { kind: 'none' } : countStrategy };
}

// ------------------------------------------------------------------------------------------------ access paths

async function listPath(db: Executor, read: ResolvedRead, rows: number): Promise<AccessPath> {
  if (matchesNothing(read)) return { kind: 'nothing' };
  if (usesFacets(read)) {
    const pairs = await pairRoute(db, read);
    return pairs !== undefined ? { kind: 'pairs', pairs } : { kind: 'facets', lead: await leadWord(db, read) };
  }
  if (await readsSellerBySeller(db, read, rows)) return { kind: 'by-seller' };
  if (await readsDiscounts(db, read)) return { kind: 'discounts' };
  return { kind: 'in-order' };
}

/** Whether reading seller by seller beats reading in registration order (see readInOrderFrom). */
async function readsSellerBySeller(db: Executor, read: ResolvedRead, rows: number): Promise<boolean> {
  if (read.allowed === undefined || read.allowed.length > MAX_SELLER_BRANCHES) return false;
  if (read.allowed.length <= 1) return true;
  const [counts, everything] = await Promise.all([productsPerSeller(db, read.allowed), countLiveProducts(db)]);
  const live = counts.reduce((sum, c) => sum + Number(c.n), 0);
  const bySeller = counts.reduce((sum, c) => sum + Math.min(rows, Number(c.n)), 0);
  const inOrder = live === 0 ? everything : (rows * everything) / live;
  return bySeller <= inOrder;
}

/** Whether a discounted page of an allowed seller list is cheaper from product_discounts (under half the products). */
async function readsDiscounts(db: Executor, read: ResolvedRead): Promise<boolean> {
  const { filters } = read;
  if (filters.discounted !== true || filters.q !== undefined || read.allowed === undefined) return false;
  const [theirs, everything] = await Promise.all([sumSellerCounts(db, read.allowed, {}), countLiveProducts(db)]);
  return theirs * 2 < everything;
}

/**
 * Whether reading products in registration order is the cheaper way to `rows` of them. That way yields them
 * after about rows × all / matching entries; started from the narrow side (a word's postings) every matching
 * product is read and sorted. They cost the same at matching = √(rows × all).
 */
const readInOrderFrom = (rows: number, all: number) => Math.ceil(Math.sqrt(rows * all));
// Ids beyond this are read in order however rare the word: an IN list this long is still a cheap statement.
const MAX_NAMED_IDS = 10_000;
// Sellers few enough that an export reads their products through (seller_id, created_at) anyway.
const FEW_SELLERS = 50;

/**
 * The export: an admin's name search (no seller narrowing it already) matching fewer products than the
 * break-even reads those products by primary key (a word that matches nothing took 5.7 s to page at 1M
 * products in order); anything else is read in order, products driving. The probe stops at the break-even.
 */
async function exportPath(db: Executor, read: ResolvedRead, rows: number): Promise<AccessPath> {
  const { filters } = read;
  if (read.actor.role !== 'admin' || filters.sellerId !== undefined || !isTokenNameSearch(filters)) return { kind: 'in-order' };
  if (filters.sellersNamed !== undefined && filters.sellersNamed.length <= FEW_SELLERS) return { kind: 'in-order' };
  const breakEven = Math.min(MAX_NAMED_IDS, readInOrderFrom(rows, await sumProductCounts(db, {})));
  const ids = await liveProductsWithWords(db, nameWords(filters.q), breakEven - 1);
  return ids !== undefined ? { kind: 'named-ids', ids } : { kind: 'in-order' };
}

// ---------------------------------------------------------------------------------------------- count strategy

// Count-strategy eligibility: the filters each derived table can answer (a filter in none is counted on rows).
const COUNTABLE_BY = {
  productCounts: new Set(['registeredFrom', 'registeredTo', 'sellerAttributeIds', 'onSale', 'displayed']),
  discountTotal: new Set(['discounted', 'registeredFrom', 'registeredTo', 'onSale', 'displayed']),
  sellerCounts: new Set(['sellerName', 'sellersNamed', 'sellerAttributeIds', 'sellerId', 'onSale', 'displayed']),
  sellerDiscounts: new Set(['sellerName', 'sellersNamed', 'sellerAttributeIds', 'sellerId', 'onSale', 'displayed', 'discounted']),
};
const countableBy = (table: keyof typeof COUNTABLE_BY, filters: ResolvedProductFilters) =>
  Object.keys(filters).every(
    (name) => name === 'searchField' || filters[name as keyof ResolvedProductFilters] === undefined || COUNTABLE_BY[table].has(name),
  );

/** What the counter tables read of the filters. */
export function counterFilters(filters: ResolvedProductFilters): CounterFilters {
  const { registeredFrom, registeredTo, onSale, displayed, discounted } = filters;
  const attributeIds = filters.sellerAttributeIds === undefined ? undefined : sellerAttributeIdsOf(filters.sellerAttributeIds);
  return { registeredFrom, registeredTo, attributeIds, onSale, displayed, discounted };
}

// Below this many products in a registration range, a discounted total is counted on that range.
const DATED_DISCOUNT_ROWS = 100_000;

async function chooseCount(db: Executor, read: ResolvedRead, complement = true): Promise<CountStrategy> {
  if (matchesNothing(read)) return { kind: 'none' };
  const { filters } = read;
  if (usesFacets(read)) {
    const pairs = await pairRoute(db, read);
    return pairs !== undefined ? { kind: 'pairs', pairs } : { kind: 'facets', lead: await leadWord(db, read) };
  }
  const byAttributesOnly = filters.sellersNamed === undefined && filters.sellerId === undefined && read.actor.role === 'admin';
  if (filters.q === undefined) {
    if (byAttributesOnly && countableBy('productCounts', filters)) return { kind: 'product-counts' };
    if (read.allowed === undefined && countableBy('discountTotal', filters)) {
      // A registration range narrower than the discount window index (~a third of all products) is cheaper
      // counted on the live index's range, which holds the discount columns.
      const { registeredFrom, registeredTo } = filters;
      const dated = registeredFrom !== undefined || registeredTo !== undefined;
      const inRange = dated ? await sumProductCounts(db, { registeredFrom, registeredTo }) : Infinity;
      return inRange < DATED_DISCOUNT_ROWS ? { kind: 'rows' } : { kind: 'discount-total' };
    }
    if (read.allowed !== undefined && countableBy('sellerCounts', filters)) return { kind: 'seller-counts' };
  }
  if (complement && read.actor.role === 'admin' && read.allowed !== undefined && read.allowed.length > MAX_SELLER_BRANCHES) {
    const split = await complementOf(db, read);
    if (split !== undefined) return split;
  }
  if (filters.q === undefined && read.allowed !== undefined && countableBy('sellerDiscounts', filters)) return { kind: 'seller-discounts' };
  return { kind: 'rows' };
}

/** Most sellers allowed: everything the other filters match, minus what the sellers left out have (when fewer). */
async function complementOf(db: Executor, read: ResolvedRead): Promise<CountStrategy | undefined> {
  const everyone = await db.selectFrom('sellers').select('id').where('attribute_id', 'is not', null).orderBy('id').execute();
  const allowed = new Set(read.allowed);
  const left = everyone.map((s) => s.id).filter((id) => !allowed.has(id));
  const [inAllowed, inLeft] = await Promise.all([sumSellerCounts(db, read.allowed!, {}), sumSellerCounts(db, left, {})]);
  if (inLeft >= inAllowed) return undefined;
  const { sellerName: _n, sellersNamed: _s, sellerAttributeIds: _a, ...rest } = read.filters;
  const whole: ResolvedRead = { ...read, filters: rest, allowed: undefined };
  const leftOut: ResolvedRead = { ...read, filters: { ...rest, sellersNamed: left }, allowed: left };
  return {
    kind: 'complement',
    whole: { read: whole, count: await chooseCount(db, whole, false) },
    leftOut: left.length === 0 ? undefined : { read: leftOut, count: await chooseCount(db, leftOut, false) },
  };
}
