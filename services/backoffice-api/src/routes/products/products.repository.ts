import { discountWindowContains, sql, type Database } from '@brandi/db';
import type { Kysely } from 'kysely';
import type { Actor } from '../../types.js';
import { kstDayEnd, kstDayStart } from '../../kst-days.js';
import {
  isTokenNameSearch,
  nameContainsPattern,
  nameTokensContaining,
  selectFilteredProducts,
  sellerAttributeIdsOf,
  type ResolvedProductFilters,
} from './filters.js';
import { scopedProducts } from './scope.js';

type Executor = Kysely<Database>;

/** One page of the back-office list, newest or oldest registration first (id breaks ties). */
export function buildProductPageQuery(
  db: Executor,
  actor: Actor,
  filters: ResolvedProductFilters,
  sort: 'newest' | 'oldest',
  window: { limit: number; offset: number },
  now: Date,
  drive: 'products' | 'narrowest' = filters.sellerName === undefined && filters.sellerAttributeIds === undefined && filters.namedProductIds === undefined ? 'products' : 'narrowest',
) {
  const direction = sort === 'oldest' ? 'asc' : 'desc';
  let query = selectFilteredProducts(db, actor, filters, now);
  // Products drive the join so the page is read off a (seller_id,) created_at index in order; left alone, the
  // optimizer starts from the narrowest filter (the sellers a seller-side filter matches, a rare word's name
  // postings) and sorts just those products.
  if (drive === 'products') query = query.modifyFront(sql`STRAIGHT_JOIN`);
  return query
    .select([
      'p.id',
      'p.code',
      'p.name',
      'p.main_image_key',
      'p.main_thumbnail_key',
      'p.created_at',
      'p.price',
      'p.discount_rate',
      'p.discount_starts_at',
      'p.discount_ends_at',
      'p.is_on_sale',
      'p.is_displayed',
      's.id as seller_id',
      's.name_ko as seller_name',
      'a.id as attribute_id',
      'a.name as attribute_name',
    ])
    .orderBy('p.created_at', direction)
    .orderBy('p.id', direction)
    .limit(window.limit)
    .offset(window.offset);
}

export function findProductPage(...args: Parameters<typeof buildProductPageQuery>) {
  return buildProductPageQuery(...args).execute();
}

export type ProductPageRow = Awaited<ReturnType<typeof findProductPage>>[number];

/**
 * Whether reading products in registration order is the cheaper way to a page. That way yields it after about
 * (offset + limit) × all / matching rows; started from the narrow side (the sellers an attribute names, a
 * word's name postings), every matching product is read and sorted. A common attribute or word (hundreds of
 * thousands of products) is far cheaper the first way, a rare one the second. They cost the same at
 * matching = √((offset + limit) × all).
 */
const readInOrderFrom = (rows: number, all: number) => Math.ceil(Math.sqrt(rows * all));

// Ids beyond this are read in order however rare the word: an IN list this long is still a cheap statement.
const MAX_NAMED_IDS = 10_000;

/**
 * An admin's name search (no seller narrowing it already) that matches fewer products than the break-even for
 * reading `rows` of them in order gets those products' ids from the name postings, so the page or batch reads
 * them by primary key and sorts them: a word that matches nothing took 5.7 s to page at 1M products in order.
 * The probe reads postings only up to the break-even.
 */
export async function narrowByNameTokens(db: Executor, actor: Actor, filters: ResolvedProductFilters, rows: number): Promise<ResolvedProductFilters> {
  if (actor.role !== 'admin' || filters.sellerId !== undefined || filters.sellersNamed !== undefined || !isTokenNameSearch(filters)) return filters;
  const breakEven = Math.min(MAX_NAMED_IDS, readInOrderFrom(rows, await sumProductCounts(db, {})));
  const matches = await db
    .selectFrom('product_name_tokens as t')
    .select('t.product_id')
    .distinct()
    .where('t.token', 'in', nameTokensContaining(db, filters.q))
    .limit(breakEven)
    .execute();
  return matches.length < breakEven ? { ...filters, namedProductIds: matches.map((m) => m.product_id) } : filters;
}

/** A page of the list and its exact total. */
export async function findProductListPage(
  db: Executor,
  actor: Actor,
  filters: ResolvedProductFilters,
  sort: 'newest' | 'oldest',
  window: { limit: number; offset: number },
  now: Date,
): Promise<{ rows: ProductPageRow[]; total: number }> {
  if (actor.role === 'admin' && filters.sellerAttributeIds !== undefined && filters.sellerName === undefined) {
    // The totals (summed from product_counts) come first: they decide which side drives the page.
    const [total, all] = await Promise.all([countProducts(db, actor, filters, now), sumProductCounts(db, {})]);
    const drive = total >= readInOrderFrom(window.offset + window.limit, all) ? 'products' : 'narrowest';
    return { rows: await findProductPage(db, actor, filters, sort, window, now, drive), total };
  }
  const scoped = await narrowByNameTokens(db, actor, filters, window.offset + window.limit);
  const [rows, total] = await Promise.all([findProductPage(db, actor, scoped, sort, window, now), countProducts(db, actor, scoped, now)]);
  return { rows, total };
}

// What product_counts can answer alone: it has day, attribute and flag columns, no seller, name or discount.
const COUNTABLE_FILTERS: ReadonlySet<string> = new Set(['registeredFrom', 'registeredTo', 'sellerAttributeIds', 'onSale', 'displayed', 'searchField']);
// What product_discounts answers `discounted` together with: its own columns (no seller attribute).
const DISCOUNT_COUNTABLE_FILTERS: ReadonlySet<string> = new Set(['discounted', 'registeredFrom', 'registeredTo', 'onSale', 'displayed', 'searchField']);

/**
 * The exact total of the list. An admin's totals span every seller, so where the filters allow they come from
 * the count tables (product_counts: at most a row per day × attribute × flags; product_discounts: the products
 * with a discount set) instead of counting up to every product joined to its seller; a seller's own products
 * are few enough to count.
 */
export async function countProducts(db: Executor, actor: Actor, filters: ResolvedProductFilters, now: Date): Promise<number> {
  if (actor.role === 'admin') {
    // namedProductIds only says where to read; they are a superset of the name matches.
    const used = Object.keys(filters).filter((name) => name !== 'namedProductIds' && filters[name as keyof ResolvedProductFilters] !== undefined);
    if (filters.q === undefined && used.every((name) => COUNTABLE_FILTERS.has(name))) return sumProductCounts(db, filters);
    if (filters.q === undefined && used.every((name) => DISCOUNT_COUNTABLE_FILTERS.has(name))) return countByDiscount(db, filters, now);
    if (isTokenNameSearch(filters) && used.every((name) => name === 'q' || name === 'searchField')) return countByNameToken(db, filters.q);
  }
  const row = await selectFilteredProducts(db, actor, filters, now)
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

function productCountsSum(db: Executor, filters: ResolvedProductFilters) {
  let query = db.selectFrom('product_counts').select((eb) => eb.fn.sum<number | null>('product_count').as('total'));
  // Attribute 0 (a seller without one) is left out, as the list's join to seller_attributes leaves it out.
  query = filters.sellerAttributeIds !== undefined
    ? query.where('attribute_id', 'in', sellerAttributeIdsOf(filters.sellerAttributeIds))
    : query.where('attribute_id', '>', 0);
  if (filters.registeredFrom !== undefined) query = query.where('registered_day', '>=', sql<Date>`${filters.registeredFrom}`);
  if (filters.registeredTo !== undefined) query = query.where('registered_day', '<=', sql<Date>`${filters.registeredTo}`);
  if (filters.onSale !== undefined) query = query.where('is_on_sale', '=', filters.onSale);
  if (filters.displayed !== undefined) query = query.where('is_displayed', '=', filters.displayed);
  return query;
}

async function sumProductCounts(db: Executor, filters: ResolvedProductFilters): Promise<number> {
  const row = await productCountsSum(db, filters).executeTakeFirstOrThrow();
  return Number(row.total ?? 0);
}

/** Products with a discount window open at `now` (and the other filters), read from product_discounts. */
function discountedNow(db: Executor, filters: ResolvedProductFilters, now: Date) {
  let query = db.selectFrom('product_discounts as d').where(discountWindowContains('d.starts_at', 'd.ends_at', now));
  if (filters.registeredFrom !== undefined) query = query.where('d.created_at', '>=', kstDayStart(filters.registeredFrom));
  if (filters.registeredTo !== undefined) query = query.where('d.created_at', '<', kstDayEnd(filters.registeredTo));
  if (filters.onSale !== undefined) query = query.where('d.is_on_sale', '=', filters.onSale);
  if (filters.displayed !== undefined) query = query.where('d.is_displayed', '=', filters.displayed);
  return query;
}

/**
 * `discounted` (with day and flag filters): the products whose window is open now, minus those of sellers
 * without an attribute (the list's join leaves them out; few, found through the seller); `false` is every live
 * product minus that. One statement, so all three parts see the same snapshot.
 */
export function buildDiscountTotalQuery(db: Executor, filters: ResolvedProductFilters, now: Date) {
  return db.selectNoFrom(() => [
    productCountsSum(db, filters).as('live'),
    discountedNow(db, filters, now).select((eb) => eb.fn.countAll<number>().as('n')).as('discounted'),
    discountedNow(db, filters, now)
      .innerJoin('sellers as s', 's.id', 'd.seller_id')
      .where('s.attribute_id', 'is', null)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .as('unlisted'),
  ]);
}

async function countByDiscount(db: Executor, filters: ResolvedProductFilters, now: Date): Promise<number> {
  const row = await buildDiscountTotalQuery(db, filters, now).executeTakeFirstOrThrow();
  const active = Number(row.discounted ?? 0) - Number(row.unlisted ?? 0);
  return filters.discounted ? active : Number(row.live ?? 0) - active;
}

/**
 * "Name contains q" for a q without whitespace: the distinct products posted under the vocabulary tokens that
 * contain q (searched with the names' own collation, so case and accents match as on the name column), minus
 * the matching products of sellers without an attribute (the list's join leaves them out; found through the
 * seller). One statement, one snapshot.
 */
export function buildNameTokenTotalQuery(db: Executor, q: string) {
  const pattern = nameContainsPattern(q);
  return db.selectNoFrom((eb) => [
    eb
      .selectFrom('product_name_tokens as t')
      .where('t.token', 'in', nameTokensContaining(db, q))
      .select(sql<number>`COUNT(DISTINCT t.product_id)`.as('n'))
      .as('matching'),
    eb
      .selectFrom('sellers as s')
      .innerJoin('products as p', 'p.seller_id', 's.id')
      .where('s.attribute_id', 'is', null)
      .where('p.deleted_at', 'is', null)
      .where('p.name', 'like', pattern)
      .select((e) => e.fn.countAll<number>().as('n'))
      .as('unlisted'),
  ]);
}

async function countByNameToken(db: Executor, q: string): Promise<number> {
  const row = await buildNameTokenTotalQuery(db, q).executeTakeFirstOrThrow();
  return Number(row.matching ?? 0) - Number(row.unlisted ?? 0);
}

/** The row fields a detail needs beyond the snapshot; undefined when the actor may not see the product. */
export function findProductHeader(db: Executor, actor: Actor, id: number, options: { includeDeleted?: boolean } = {}) {
  return scopedProducts(db, actor, options)
    .select(['p.id', 'p.seller_id', 'p.version', 'p.created_at', 'p.updated_at', 'p.deleted_at'])
    .where('p.id', '=', id)
    .executeTakeFirst();
}
export type ProductHeader = NonNullable<Awaited<ReturnType<typeof findProductHeader>>>;

/** Locks the product row inside `trx` so concurrent changes queue up behind the version check. */
export function lockProductForUpdate(trx: Executor, actor: Actor, id: number) {
  return scopedProducts(trx, actor)
    .select(['p.id', 'p.seller_id', 'p.version'])
    .where('p.id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export interface CategoryNames {
  main: { id: number; name: string };
  first: { id: number; name: string };
  second: { id: number; name: string };
}

export async function findCategoryNames(db: Executor, ids: { main: number; first: number; second: number }): Promise<CategoryNames> {
  const [main, first, second] = await Promise.all([
    db.selectFrom('main_categories').select(['id', 'name']).where('id', '=', ids.main).executeTakeFirstOrThrow(),
    db.selectFrom('first_categories').select(['id', 'name']).where('id', '=', ids.first).executeTakeFirstOrThrow(),
    db.selectFrom('second_categories').select(['id', 'name']).where('id', '=', ids.second).executeTakeFirstOrThrow(),
  ]);
  return { main, first, second };
}

export async function findSellerName(db: Executor, id: number): Promise<string> {
  const row = await db.selectFrom('sellers').select('name_ko').where('id', '=', id).executeTakeFirstOrThrow();
  return row.name_ko;
}
