import {
  containsPattern,
  discountWindowContains,
  pairPostingsUnder,
  postingsUnder,
  PRICE_COLUMNS,
  searchWords,
  sql,
  type Database,
  type Db,
} from '@brandi/db';
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { ProductCursor } from './cursor.js';
import type { ProductSort } from './schemas.js';

type ProductScope = ExpressionBuilder<Database & { p: Database['products']; s: Database['sellers'] }, 'p' | 's'>;

export interface ProductListFilter {
  mainCategoryId?: number;
  firstCategoryId?: number;
  secondCategoryId?: number;
  sellerId?: number;
  onSale?: boolean;
  q?: string;
  minPrice?: number;
  maxPrice?: number;
}

export interface ProductListParams {
  filter: ProductListFilter;
  sort: ProductSort;
  cursor?: ProductCursor;
  /** Rows to return; one more is read to learn whether a next page exists. */
  limit: number;
  now: Date;
}

// Every sort is backed by a (filter column, key, id) index (migration 20261125000300 and the core schema).
const SORTS = {
  recommended: { key: 'p.ranking_score', direction: 'desc' },
  sales: { key: 'p.sales_count', direction: 'desc' },
  newest: { key: 'p.created_at', direction: 'desc' },
  price_asc: { key: 'p.effective_price', direction: 'asc' },
  price_desc: { key: 'p.effective_price', direction: 'desc' },
} as const;

/** Products a shopper may see: displayed, not deleted, of an active seller. */
export function selectVisibleProducts(db: Db) {
  return db
    .selectFrom('products as p')
    .innerJoin('sellers as s', 's.id', 'p.seller_id')
    .where('p.is_displayed', '=', true)
    .where('p.deleted_at', 'is', null)
    .where('s.status', '=', 'active');
}

/** Now within the discount window (null bounds open) and a non-zero rate; mirrors isDiscountActive. */
export function isDiscountActiveAt(eb: ProductScope, now: Date) {
  return eb.and([eb('p.discount_rate', '>', 0), discountWindowContains('p.discount_starts_at', 'p.discount_ends_at', now)]);
}

function isAfterCursor(eb: ProductScope, sort: ProductSort, cursor: ProductCursor) {
  const { key, direction } = SORTS[sort];
  const op = direction === 'desc' ? '<' : '>';
  const value = sort === 'newest' ? new Date(cursor.key) : cursor.key;
  const keyRef = eb.ref(key);
  return eb.or([eb(keyRef, op, value), eb.and([eb(keyRef, '=', value), eb('p.id', op, cursor.id)])]);
}

/** Every condition of the feed but visibility: the filters, each word of q, the cursor. */
export function feedConditions(eb: ProductScope, { filter, sort, cursor, now }: ProductListParams) {
  const conditions: Expression<SqlBool>[] = [];
  if (filter.mainCategoryId !== undefined) conditions.push(eb('p.main_category_id', '=', filter.mainCategoryId));
  if (filter.firstCategoryId !== undefined) conditions.push(eb('p.first_category_id', '=', filter.firstCategoryId));
  if (filter.secondCategoryId !== undefined) conditions.push(eb('p.second_category_id', '=', filter.secondCategoryId));
  if (filter.sellerId !== undefined) conditions.push(eb('p.seller_id', '=', filter.sellerId));
  if (filter.onSale === true) conditions.push(isDiscountActiveAt(eb, now));
  if (filter.onSale === false) conditions.push(eb.not(isDiscountActiveAt(eb, now)));
  // The name itself decides; the postings only say where to look.
  for (const word of filter.q === undefined ? [] : searchWords(filter.q)) conditions.push(eb('p.name', 'like', containsPattern(word)));
  if (filter.minPrice !== undefined) conditions.push(eb('p.effective_price', '>=', filter.minPrice));
  if (filter.maxPrice !== undefined) conditions.push(eb('p.effective_price', '<=', filter.maxPrice));
  if (cursor !== undefined) conditions.push(isAfterCursor(eb, sort, cursor));
  return eb.and(conditions);
}

/**
 * Where the feed reads its rows. `sorted`: the (filter, sort key, id) index in order, every other condition
 * checked per row, stopping at the page's end. `postings`: the products posted under one word's tokens,
 * `pairs`: under pairs of tokens of two words (product_name_token_pairs), or `price`: in the price range (its
 * index, with the category or seller leading it when given), each product read by primary key and the matches
 * sorted. `none`: nothing can match, no query runs.
 */
export type FeedAccess =
  | { kind: 'sorted' }
  | { kind: 'postings'; tokens: string[] }
  | { kind: 'pairs'; pairs: [string, string][] }
  | { kind: 'price' }
  | { kind: 'none' };
export type DrivingAccess = Extract<FeedAccess, { kind: 'postings' | 'pairs' | 'price' }>;

// The filters that lead a (filter, sort key, id) index: a read along one stays inside their range.
export const INDEX_LEADING_FILTERS = [
  ['mainCategoryId', 'main_category_id'],
  ['firstCategoryId', 'first_category_id'],
  ['secondCategoryId', 'second_category_id'],
  ['sellerId', 'seller_id'],
] as const;

/** Products (any, from the index alone) in the price range and the category or seller filters' ranges. */
export function productsInPriceRange(db: Db, filter: ProductListFilter) {
  let query = db.selectFrom('products as r').select('r.id as product_id');
  for (const [name, column] of INDEX_LEADING_FILTERS) {
    if (filter[name] !== undefined) query = query.where(`r.${column}`, '=', filter[name]!);
  }
  if (filter.minPrice !== undefined) query = query.where('r.effective_price', '>=', filter.minPrice);
  if (filter.maxPrice !== undefined) query = query.where('r.effective_price', '<=', filter.maxPrice);
  return query;
}

// Any LIMIT keeps a derived table from being merged back into the page query (where the optimizer could
// prefer reading a sort index); this one is far above any range that is chosen to drive.
const UNMERGED = 4_294_967_295;

/**
 * The product ids a driving access starts from, as derived table `t` (a product posted under two tokens or
 * pairs comes twice); `first` keeps only that many.
 */
export function drivingProductIds(db: Db, access: DrivingAccess, filter: ProductListFilter, first?: number) {
  if (access.kind === 'postings')
    return postingsUnder(db, access.tokens)
      .$if(first !== undefined, (qb) => qb.limit(first!))
      .as('t');
  if (access.kind === 'pairs')
    return pairPostingsUnder(db, access.pairs)
      .$if(first !== undefined, (qb) => qb.limit(first!))
      .as('t');
  return productsInPriceRange(db, filter)
    .limit(first ?? UNMERGED)
    .as('t');
}

/**
 * Visible products reached through the postings (merged into the join, so they come first under STRAIGHT_JOIN).
 * Cast to the plain products query: no later clause names the postings.
 */
function selectVisibleProductsDrivenBy(db: Db, access: DrivingAccess, filter: ProductListFilter): ReturnType<typeof selectVisibleProducts> {
  const query = db
    .selectFrom(drivingProductIds(db, access, filter))
    .innerJoin('products as p', 'p.id', 't.product_id')
    .innerJoin('sellers as s', 's.id', 'p.seller_id')
    .where('p.is_displayed', '=', true)
    .where('p.deleted_at', 'is', null)
    .where('s.status', '=', 'active');
  return query as unknown as ReturnType<typeof selectVisibleProducts>;
}

/** The feed query; exported so the EXPLAIN tests check exactly what the route runs. */
export function buildProductListQuery(db: Db, params: ProductListParams, access: FeedAccess = { kind: 'sorted' }) {
  const { key, direction } = SORTS[params.sort];
  const driving = access.kind === 'postings' || access.kind === 'pairs' || access.kind === 'price' ? access : undefined;
  // A product posted under two of the tokens (or pairs) comes twice.
  const repeats = (driving?.kind === 'postings' && driving.tokens.length > 1) || (driving?.kind === 'pairs' && driving.pairs.length > 1);
  return (
    (driving === undefined ? selectVisibleProducts(db) : selectVisibleProductsDrivenBy(db, driving, params.filter))
      // The first table drives the join: the sort index (reading it in order is what makes the sort free), or
      // the postings.
      .modifyFront(sql`STRAIGHT_JOIN`)
      .$if(repeats, (qb) => qb.distinct())
      .select([
        'p.id',
        'p.name',
        'p.main_image_key',
        'p.main_thumbnail_key',
        ...PRICE_COLUMNS,
        'p.sales_count',
        's.id as seller_id',
        's.name_ko as seller_name',
        `${key} as sort_key`,
      ])
      .where((eb) => feedConditions(eb, params))
      // By the selected alias: MySQL 8 refuses a DISTINCT query ordered by an expression it does not select.
      .orderBy(driving === undefined ? key : 'sort_key', direction)
      .orderBy('p.id', direction)
      .limit(params.limit + 1)
  );
}

export type ProductListRow = Awaited<ReturnType<ReturnType<typeof buildProductListQuery>['execute']>>[number];
