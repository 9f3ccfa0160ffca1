import { PRICE_COLUMNS, sql, type Database, type Db } from '@brandi/db';
import { escapeLike } from '@brandi/http';
import type { Kysely } from 'kysely';
import type { Actor } from '../../../types.js';
import { sellerAttributeIdsOf, type ResolvedProductFilters } from '../routes/filter-query.js';
import { rowFilterTests, searchTests } from '../sql/filter-predicates.js';
import type { AccessPath } from '../sql/read-plan.js';
import { scopedProducts } from '../sql/scope.js';
import { EXPORT_BATCHES, prefetchedBatches } from './batches.js';
import type { ExportRow } from './columns.js';

/** Rows per batch query: what reading in order has to find per query (the planner's break-even for the export). */
export const EXPORT_BATCH_ROWS = EXPORT_BATCHES.next;

export interface ExportSelection {
  actor: Actor;
  filters: ResolvedProductFilters;
  /** Only these products (still within the actor's scope and the filters). */
  ids?: number[];
  now: Date;
  /** The planner's access path (planProductRead): `named-ids` or, by default, in order. */
  path?: AccessPath;
}

/**
 * Products the actor may see (deleted ones excluded) matching the filters, joined as `p` (products), `s`
 * (sellers) and `a` (seller_attributes, which leaves out sellers that do not list). No select list, order or
 * limit: the caller adds them. The row filters are the predicate map's (filter-predicates.ts).
 */
function selectFilteredProducts(db: Kysely<Database>, { actor, filters, now, path }: ExportSelection) {
  let query = scopedProducts(db, actor, { forceIndex: oneSellerInOrder(actor, filters, path) ? 'ix_products_seller_live' : undefined })
    .innerJoin('sellers as s', 's.id', 'p.seller_id')
    .innerJoin('seller_attributes as a', 'a.id', 's.attribute_id');
  if (filters.sellerId !== undefined) query = query.where('p.seller_id', '=', filters.sellerId);
  if (filters.sellersNamed !== undefined) {
    query = filters.sellersNamed.length > 0 ? query.where('p.seller_id', 'in', filters.sellersNamed) : query.where(sql<boolean>`FALSE`);
  } else if (filters.sellerName !== undefined) {
    // Unresolved (a caller that skipped the planner): the same match as a join filter.
    const pattern = `%${escapeLike(filters.sellerName)}%`;
    query = query.where((eb) => eb.or([eb('s.name_ko', 'like', pattern), eb('s.name_en', 'like', pattern)]));
  }
  if (filters.sellerAttributeIds !== undefined)
    query = query.where('s.attribute_id', 'in', sellerAttributeIdsOf(filters.sellerAttributeIds));
  for (const test of [...rowFilterTests(filters, 'p', now), ...searchTests(filters)]) query = query.where(test);
  // A superset of the name matches (the LIKE above still decides), small enough to read by primary key.
  if (path?.kind === 'named-ids') query = path.ids.length > 0 ? query.where('p.id', 'in', path.ids) : query.where(sql<boolean>`FALSE`);
  return query;
}

/**
 * One seller's rows read in order: its (seller_id, deleted_at, created_at, id, …) index, by name. Left to choose,
 * MariaDB sometimes took `ref` on (seller_id, deleted_at) for the ORDER BY … LIMIT and walked the seller's
 * products from the newest down to the cursor (8,500 entries for a batch 8,000 rows deep instead of 500),
 * depending on the table's sampled statistics. Code and id searches keep their own unique lookups.
 */
function oneSellerInOrder(actor: Actor, filters: ResolvedProductFilters, path: AccessPath | undefined) {
  if (path?.kind === 'named-ids' || (filters.q !== undefined && filters.searchField !== undefined && filters.searchField !== 'name'))
    return false;
  return actor.role !== 'admin' || filters.sellerId !== undefined || filters.sellersNamed?.length === 1;
}

interface Cursor {
  createdAt: Date;
  id: number;
}

/**
 * One keyset batch in the list's default order (newest registration first, id breaks ties). The batch's ids come
 * first, off an index read backwards from the cursor (STRAIGHT_JOIN keeps products driving, so the (seller_id,)
 * deleted_at, created_at, id index delivers them in order, covering the flag and discount filters); only those
 * 500 rows are then read. Selecting the row's other columns in the same read made MariaDB read a (deleted_at,
 * created_at, id) index backwards from its top on every batch: 100k rows took 30 s instead of 2. A rare word's
 * search (the `named-ids` path) reads its few products by primary key instead and sorts them.
 */
export function selectExportBatch(db: Kysely<Database>, selection: ExportSelection, after: Cursor | undefined, limit: number) {
  let ids = selectFilteredProducts(db, selection);
  if (selection.path?.kind !== 'named-ids') ids = ids.modifyFront(sql`STRAIGHT_JOIN`);
  if (selection.ids !== undefined) ids = ids.where('p.id', 'in', selection.ids);
  if (after !== undefined) {
    // One range (created_at <= last) read backwards; ties are tested on the entry (`id + 0` keeps that test out
    // of the range analysis, which otherwise splits the keyset into two ranges).
    ids = ids
      .where('p.created_at', '<=', after.createdAt)
      .where((eb) => eb.or([eb('p.created_at', '<', after.createdAt), eb(sql<number>`p.id + 0`, '<', after.id)]));
  }
  const page = ids.select('p.id').orderBy('p.created_at', 'desc').orderBy('p.id', 'desc').limit(limit);
  return db
    .selectFrom(page.as('pg'))
    .innerJoin('products as p', 'p.id', 'pg.id')
    .innerJoin('sellers as s', 's.id', 'p.seller_id')
    .innerJoin('seller_attributes as a', 'a.id', 's.attribute_id')
    .select([
      'p.id',
      'p.code',
      'p.name',
      'p.created_at',
      'p.main_image_key',
      'a.name as attribute_name',
      's.name_ko as seller_name',
      ...PRICE_COLUMNS,
      'p.is_on_sale',
      'p.is_displayed',
    ])
    .orderBy('p.created_at', 'desc')
    .orderBy('p.id', 'desc')
    .execute();
}

/** Loads the first batch; a failure here happens before any byte is sent, so it still answers as JSON. */
export function readFirstExportBatch(db: Db, selection: ExportSelection): Promise<ExportRow[]> {
  return selectExportBatch(db, selection, undefined, EXPORT_BATCHES.first);
}

/**
 * Every matching row, batch after batch (prefetchedBatches). Batches are separate reads: a product edited
 * mid-export shows its newer values, but none is skipped or repeated, since (created_at, id) never changes.
 */
export function readExportBatches(db: Db, selection: ExportSelection, first: ExportRow[]): AsyncGenerator<ExportRow[]> {
  return prefetchedBatches(first, EXPORT_BATCHES, (last, limit) =>
    selectExportBatch(db, selection, { createdAt: last.created_at, id: last.id }, limit),
  );
}
