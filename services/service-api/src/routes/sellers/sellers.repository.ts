import { countRows, sql, type Db, type SellerGroup } from '@brandi/db';
import { escapeLike } from '@brandi/http';
import type { SellerSort } from './schemas.js';

export interface SellerListFilter {
  group?: SellerGroup;
  q?: string;
}

const SORTS = {
  sales: [
    { key: 's.sales_count', direction: 'desc' },
    { key: 's.id', direction: 'desc' },
  ],
  newest: [
    { key: 's.created_at', direction: 'desc' },
    { key: 's.id', direction: 'desc' },
  ],
  name: [
    { key: 's.name_ko', direction: 'asc' },
    { key: 's.id', direction: 'asc' },
  ],
} as const;

/** Active sellers (admins excluded) matching the filter, with their attribute. */
function selectActiveSellers(db: Db, filter: SellerListFilter) {
  return db
    .selectFrom('sellers as s')
    .innerJoin('seller_attributes as a', 'a.id', 's.attribute_id')
    .where('s.status', '=', 'active')
    .where('s.role', '=', 'seller')
    .$if(filter.group !== undefined, (qb) => qb.where('a.group_code', '=', filter.group!))
    .$if(filter.q !== undefined, (qb) => {
      const pattern = `%${escapeLike(filter.q!)}%`;
      return qb.where((eb) => eb.or([eb('s.name_ko', 'like', pattern), eb('s.name_en', 'like', pattern)]));
    });
}

function selectSellerSummary(db: Db, filter: SellerListFilter) {
  return selectActiveSellers(db, filter).select((eb) => [
    's.id',
    's.name_ko',
    's.name_en',
    's.image_url',
    's.sales_count',
    's.simple_description',
    's.site_url',
    'a.id as attribute_id',
    'a.name as attribute_name',
    // The seller is active, so its displayed, undeleted products are exactly the ones shoppers see.
    eb
      .selectFrom('products as p')
      .select((sub) => sub.fn.countAll<number>().as('n'))
      .whereRef('p.seller_id', '=', 's.id')
      .where('p.is_displayed', '=', true)
      .where('p.deleted_at', 'is', null)
      .as('product_count'),
  ]);
}

export type SellerRow = Awaited<ReturnType<ReturnType<typeof selectSellerSummary>['execute']>>[number];

/** The page query; exported so the EXPLAIN tests check what the route runs. */
export function buildSellerListQuery(db: Db, filter: SellerListFilter, sort: SellerSort, window: { limit: number; offset: number }) {
  // Sellers drive the join so the (status, sales_count, id) index can give the sales order for free.
  let query = selectSellerSummary(db, filter).modifyFront(sql`STRAIGHT_JOIN`);
  for (const { key, direction } of SORTS[sort]) query = query.orderBy(key, direction);
  return query.limit(window.limit).offset(window.offset);
}

export function countSellers(db: Db, filter: SellerListFilter): Promise<number> {
  return countRows(selectActiveSellers(db, filter));
}

export function findActiveSeller(db: Db, id: number) {
  return selectSellerSummary(db, {}).where('s.id', '=', id).executeTakeFirst();
}
