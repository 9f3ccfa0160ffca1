import { discountWindowContains, type Database } from '@brandi/db';
import type { Kysely } from 'kysely';
import type { Actor } from '../../../types.js';
import { kstDayEnd, kstDayStart } from '../../../kst-days.js';
import { isTokenNameSearch, nameWords, type ResolvedProductFilters } from './filters.js';
import {
  countPlan,
  findPairPage,
  findPlanPageIds,
  liveProductsWithWords,
  planProductList,
  productCountsSum,
  sumProductCounts,
} from './list-plan.js';
import { scopedProducts } from './scope.js';

type Executor = Kysely<Database>;

type Window = { limit: number; offset: number };

/** The list's rows for a page's ids (deferred join), in the page's order. */
export function buildProductRowsQuery(db: Executor, ids: number[], sort: 'newest' | 'oldest') {
  const direction = sort === 'oldest' ? 'asc' : 'desc';
  return db
    .selectFrom('products as p')
    .innerJoin('sellers as s', 's.id', 'p.seller_id')
    .innerJoin('seller_attributes as a', 'a.id', 's.attribute_id')
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
    .where('p.id', 'in', ids)
    .orderBy('p.created_at', direction)
    .orderBy('p.id', direction);
}

export type ProductPageRow = Awaited<ReturnType<ReturnType<typeof buildProductRowsQuery>['execute']>>[number];

/** A page of the list and its exact total (see list-plan.ts for how each is found). */
export async function findProductListPage(
  db: Executor,
  actor: Actor,
  filters: ResolvedProductFilters,
  sort: 'newest' | 'oldest',
  window: Window,
  now: Date,
): Promise<{ rows: ProductPageRow[]; total: number }> {
  const plan = await planProductList(db, actor, filters, now);
  const paired = await findPairPage(db, plan, sort, window);
  const [ids, total] =
    paired !== undefined
      ? [paired.ids, paired.total]
      : await Promise.all([findPlanPageIds(db, plan, sort, window), countPlan(db, plan, (f) => countByDiscount(db, f, now))]);
  const rows = ids.length === 0 ? [] : await buildProductRowsQuery(db, ids, sort).execute();
  return { rows, total };
}

/**
 * Whether reading products in registration order is the cheaper way to a page. That way yields it after about
 * (offset + limit) × all / matching rows; started from the narrow side (the sellers a filter names, a word's
 * name postings), every matching product is read and sorted. A common attribute or word (hundreds of thousands
 * of products) is far cheaper the first way, a rare one the second. They cost the same at
 * matching = √((offset + limit) × all).
 */
const readInOrderFrom = (rows: number, all: number) => Math.ceil(Math.sqrt(rows * all));

// Ids beyond this are read in order however rare the word: an IN list this long is still a cheap statement.
const MAX_NAMED_IDS = 10_000;
// Sellers few enough that an export reads their products through (seller_id, created_at) anyway.
const FEW_SELLERS = 50;

/**
 * For the export: an admin's name search (no seller narrowing it already) that matches fewer products than the
 * break-even for reading `rows` of them in order gets those products' ids from the name postings (every word's), so the page
 * or batch reads them by primary key and sorts them: a word that matches nothing took 5.7 s to page at 1M
 * products in order. The probe reads postings only up to the break-even.
 */
export async function narrowByNameTokens(
  db: Executor,
  actor: Actor,
  filters: ResolvedProductFilters,
  rows: number,
): Promise<ResolvedProductFilters> {
  if (actor.role !== 'admin' || filters.sellerId !== undefined || !isTokenNameSearch(filters)) return filters;
  if (filters.sellersNamed !== undefined && filters.sellersNamed.length <= FEW_SELLERS) return filters;
  const breakEven = Math.min(MAX_NAMED_IDS, readInOrderFrom(rows, await sumProductCounts(db, {})));
  const matches = await liveProductsWithWords(db, nameWords(filters.q), breakEven - 1);
  return matches !== undefined ? { ...filters, namedProductIds: matches } : filters;
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
    discountedNow(db, filters, now)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .as('discounted'),
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
  return scopedProducts(trx, actor).select(['p.id', 'p.seller_id', 'p.version']).where('p.id', '=', id).forUpdate().executeTakeFirst();
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
