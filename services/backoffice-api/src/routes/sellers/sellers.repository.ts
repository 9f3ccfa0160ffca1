import { countRows, sql, type Database, type Db } from '@brandi/db';
import { escapeLike } from '@brandi/http';
import type { ExpressionBuilder, Kysely } from 'kysely';
import { kstDayEnd, kstDayStart } from '../../kst-days.js';
import type { SellerListQuery } from './schemas.js';

type Executor = Kysely<Database>;
type SellerFilter = Omit<SellerListQuery, 'page' | 'limit'>;

const CONTAINS_FILTERS = [
  ['loginId', 's.login_id'],
  ['nameKo', 's.name_ko'],
  ['nameEn', 's.name_en'],
  ['managerName', 's.manager_name'],
  ['managerPhone', 's.manager_phone'],
  ['managerEmail', 's.manager_email'],
] as const;

function selectFilteredSellers(db: Db, filter: SellerFilter) {
  let query = db.selectFrom('sellers as s').where('s.role', '=', 'seller');
  if (filter.id !== undefined) query = query.where('s.id', '=', filter.id);
  for (const [key, column] of CONTAINS_FILTERS) {
    const text = filter[key];
    if (text !== undefined) query = query.where(column, 'like', `%${escapeLike(text)}%`);
  }
  if (filter.status !== undefined) query = query.where('s.status', '=', filter.status);
  if (filter.attributeId !== undefined) query = query.where('s.attribute_id', '=', filter.attributeId);
  if (filter.registeredFrom !== undefined) query = query.where('s.created_at', '>=', kstDayStart(filter.registeredFrom));
  if (filter.registeredTo !== undefined) query = query.where('s.created_at', '<', kstDayEnd(filter.registeredTo));
  return query;
}

// Live products from seller_product_counts (kept by triggers): at most 4 rows a seller, not a count of its products.
const productCount = (eb: ExpressionBuilder<Database & { s: Database['sellers'] }, 's'>) =>
  eb
    .selectFrom('seller_product_counts as c')
    .select(sql<number>`COALESCE(SUM(c.product_count), 0)`.as('n'))
    .whereRef('c.seller_id', '=', 's.id')
    .as('product_count');

/** A page of sellers, newest registration first (id breaks ties), each with its live product count. */
export function findSellerPage(db: Db, filter: SellerFilter, window: { limit: number; offset: number }) {
  return selectFilteredSellers(db, filter)
    .leftJoin('seller_attributes as a', 'a.id', 's.attribute_id')
    .select([
      's.id',
      's.login_id',
      's.name_ko',
      's.name_en',
      's.status',
      's.manager_name',
      's.manager_phone',
      's.manager_email',
      's.created_at',
      'a.id as attribute_id',
      'a.name as attribute_name',
    ])
    .select(productCount)
    .orderBy('s.created_at', 'desc')
    .orderBy('s.id', 'desc')
    .limit(window.limit)
    .offset(window.offset)
    .execute();
}

export function countSellers(db: Db, filter: SellerFilter): Promise<number> {
  return countRows(selectFilteredSellers(db, filter));
}

export function findSellerProfileRow(db: Executor, id: number) {
  return db
    .selectFrom('sellers as s')
    .leftJoin('seller_attributes as a', 'a.id', 's.attribute_id')
    .selectAll('s')
    .select(['a.name as attribute_name'])
    .select(productCount)
    .where('s.id', '=', id)
    .executeTakeFirst();
}
export type SellerProfileRow = NonNullable<Awaited<ReturnType<typeof findSellerProfileRow>>>;

/** Locks the seller row so concurrent changes queue up and revision versions stay contiguous. */
export function lockSellerForUpdate(trx: Executor, id: number) {
  return trx.selectFrom('sellers').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateSellerColumns(trx: Executor, id: number, columns: Record<string, unknown>, now: Date): Promise<void> {
  await trx
    .updateTable('sellers')
    .set({ ...columns, updated_at: now, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .execute();
}
