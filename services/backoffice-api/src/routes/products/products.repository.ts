import { sql, type Database } from '@brandi/db';
import type { Kysely } from 'kysely';
import type { Actor } from '../../types.js';
import { kstDayEnd, kstDayStart } from '../../kst-days.js';
import { nameContainsPattern, selectFilteredProducts, sellerAttributeIdsOf, windowContains, type ResolvedProductFilters } from './filters.js';
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
  drive: 'products' | 'sellers' = filters.sellerName === undefined && filters.sellerAttributeIds === undefined ? 'products' : 'sellers',
) {
  const direction = sort === 'oldest' ? 'asc' : 'desc';
  let query = selectFilteredProducts(db, actor, filters, now);
  // Products drive the join so the page is read off a (seller_id,) created_at index in order; left alone, the
  // optimizer starts from the sellers a seller-side filter matches and sorts all of their products.
  if (drive === 'products') query = query.modifyFront(sql`STRAIGHT_JOIN`);
  return query
    .select([
      'p.id',
      'p.code',
      'p.name',
      'p.main_image_key',
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
 * Which side should drive an admin's page filtered by seller attribute. Read in registration order, products
 * yield a page after about (offset + limit) × all / matching rows; started from the sellers, every matching
 * product is read and sorted. A common attribute (hundreds of thousands of products) is far cheaper the first
 * way, a rare one the second.
 */
function pageDriver(window: { limit: number; offset: number }, matching: number, all: number): 'products' | 'sellers' {
  if (matching === 0) return 'sellers';
  return (window.offset + window.limit) * (all / matching) <= matching ? 'products' : 'sellers';
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
    const [total, all] = await Promise.all([countProducts(db, actor, filters, now), countProducts(db, actor, {}, now)]);
    return { rows: await findProductPage(db, actor, filters, sort, window, now, pageDriver(window, total, all)), total };
  }
  const [rows, total] = await Promise.all([findProductPage(db, actor, filters, sort, window, now), countProducts(db, actor, filters, now)]);
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
    const used = Object.keys(filters).filter((name) => filters[name as keyof ResolvedProductFilters] !== undefined);
    if (filters.q === undefined && used.every((name) => COUNTABLE_FILTERS.has(name))) return sumProductCounts(db, filters);
    if (filters.q === undefined && used.every((name) => DISCOUNT_COUNTABLE_FILTERS.has(name))) return countByDiscount(db, filters, now);
    if (filters.q !== undefined && isOneToken(filters.q) && (filters.searchField ?? 'name') === 'name' && used.every((name) => name === 'q' || name === 'searchField')) {
      return countByNameToken(db, filters.q);
    }
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
  let query = db.selectFrom('product_discounts as d').where(windowContains('d.starts_at', 'd.ends_at', now));
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

// A q with whitespace may span tokens; one with a character the names' collation equates with a space
// (a no-break or ideographic space) could match across one. Both are counted from the names themselves.
const isOneToken = (q: string) => !/\s/.test(q.trim());

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
      .where('t.token', 'in', eb.selectFrom('name_tokens as v').select('v.token').where(sql<boolean>`v.token COLLATE utf8mb4_unicode_ci LIKE ${pattern}`))
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
