import { countDiscountedOf, PRICE_COLUMNS, countDiscountTotal, sumProductCounts, sumSellerCounts, type Database } from '@brandi/db';
import type { Kysely, RawBuilder } from 'kysely';
import type { Actor } from '../../../types.js';
import type { ProductFilterQuery } from '../routes/filter-query.js';
import {
  buildDiscountedIdsQuery,
  buildFacetCountQuery,
  buildFacetIdsQuery,
  buildPairCountQuery,
  buildPairIdsQuery,
  buildPairPageQuery,
  buildProductIdsBySellerQuery,
  buildProductIdsInOrderQuery,
  buildRowCountQuery,
} from './access-paths.js';
import { counterFilters, planProductRead, type AccessPath, type CountedRead } from './read-plan.js';
import type { ResolvedRead } from './resolved-read.js';
import { scopedProducts } from './scope.js';

type Executor = Kysely<Database>;
type Sort = 'newest' | 'oldest';
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
      ...PRICE_COLUMNS,
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

/** A page of the list and its exact total: the planner (read-plan.ts) decides, the statements of access-paths.ts run. */
export async function findProductListPage(
  db: Executor,
  actor: Actor,
  filters: ProductFilterQuery,
  sort: Sort,
  window: Window,
  now: Date,
): Promise<{ rows: ProductPageRow[]; total: number }> {
  const { read, accessPath, countStrategy } = await planProductRead(
    db,
    filters,
    { actor, now },
    { purpose: 'list', rows: window.offset + window.limit },
  );
  let ids: number[];
  let total: number;
  if (accessPath.kind === 'pairs') {
    // The pair route's page carries its total: the products are read by primary key once.
    const found = (await buildPairPageQuery(read, accessPath.pairs, sort, window).execute(db)).rows;
    ids = found.filter((r) => Number(r.rn) > window.offset && Number(r.rn) <= window.offset + window.limit).map((r) => Number(r.id));
    total = Number(found[0]?.total ?? 0);
  } else {
    [ids, total] = await Promise.all([findPageIds(db, read, accessPath, sort, window), countTotal(db, { read, count: countStrategy })]);
  }
  const rows = ids.length === 0 ? [] : await buildProductRowsQuery(db, ids, sort).execute();
  return { rows, total };
}

async function findPageIds(db: Executor, read: ResolvedRead, path: AccessPath, sort: Sort, window: Window): Promise<number[]> {
  let query: RawBuilder<{ id: number }>;
  if (path.kind === 'nothing') return [];
  if (path.kind === 'pairs') query = buildPairIdsQuery(read, path.pairs, sort, window);
  else if (path.kind === 'facets') query = buildFacetIdsQuery(read, path.lead, sort, window);
  else if (path.kind === 'by-seller') query = buildProductIdsBySellerQuery(read, sort, window);
  else if (path.kind === 'discounts') query = buildDiscountedIdsQuery(read, sort, window);
  else query = buildProductIdsInOrderQuery(read, sort, window);
  return (await query.execute(db)).rows.map((r) => Number(r.id));
}

/** The exact total the count strategy names. */
async function countTotal(db: Executor, { read, count }: CountedRead): Promise<number> {
  const total = (query: RawBuilder<{ total: number }>) => query.execute(db).then((r) => Number(r.rows[0]?.total ?? 0));
  const filters = counterFilters(read.filters);
  switch (count.kind) {
    case 'none':
      return 0;
    case 'pairs':
      return total(buildPairCountQuery(read, count.pairs));
    case 'facets':
      return total(buildFacetCountQuery(read, count.lead));
    case 'product-counts':
      return sumProductCounts(db, filters);
    case 'discount-total':
      return countDiscountTotal(db, filters, read.now);
    case 'seller-counts':
      return sumSellerCounts(db, read.allowed!, filters);
    case 'seller-discounts': {
      if (filters.discounted) return countDiscountedOf(db, read.allowed!, filters, read.now);
      const [sellers, active] = await Promise.all([
        sumSellerCounts(db, read.allowed!, filters),
        countDiscountedOf(db, read.allowed!, filters, read.now),
      ]);
      return sellers - active;
    }
    case 'rows':
      return total(buildRowCountQuery(read));
    case 'complement': {
      const [whole, leftOut] = await Promise.all([countTotal(db, count.whole), count.leftOut ? countTotal(db, count.leftOut) : 0]);
      return whole - leftOut;
    }
  }
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
