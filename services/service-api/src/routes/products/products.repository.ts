import { sql, type Database, type Db } from '@brandi/db';
import { escapeLike } from '@brandi/http';
import type { ExpressionBuilder } from 'kysely';
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
  return eb.and([
    eb('p.discount_rate', '>', 0),
    eb.or([eb('p.discount_starts_at', 'is', null), eb('p.discount_starts_at', '<=', now)]),
    eb.or([eb('p.discount_ends_at', 'is', null), eb('p.discount_ends_at', '>=', now)]),
  ]);
}

function isAfterCursor(eb: ProductScope, sort: ProductSort, cursor: ProductCursor) {
  const { key, direction } = SORTS[sort];
  const op = direction === 'desc' ? '<' : '>';
  const value = sort === 'newest' ? new Date(cursor.key) : cursor.key;
  const keyRef = eb.ref(key);
  return eb.or([eb(keyRef, op, value), eb.and([eb(keyRef, '=', value), eb('p.id', op, cursor.id)])]);
}

/** The feed query; exported so the EXPLAIN tests check exactly what the route runs. */
export function buildProductListQuery(db: Db, { filter, sort, cursor, limit, now }: ProductListParams) {
  const { key, direction } = SORTS[sort];
  return (
    selectVisibleProducts(db)
      // Products drive the join: reading them in index order is what makes the sort free.
      .modifyFront(sql`STRAIGHT_JOIN`)
      .select([
        'p.id',
        'p.name',
        'p.main_image_key',
        'p.main_thumbnail_key',
        'p.price',
        'p.discount_rate',
        'p.discount_starts_at',
        'p.discount_ends_at',
        'p.sales_count',
        's.id as seller_id',
        's.name_ko as seller_name',
        `${key} as sort_key`,
      ])
      .$if(filter.mainCategoryId !== undefined, (qb) => qb.where('p.main_category_id', '=', filter.mainCategoryId!))
      .$if(filter.firstCategoryId !== undefined, (qb) => qb.where('p.first_category_id', '=', filter.firstCategoryId!))
      .$if(filter.secondCategoryId !== undefined, (qb) => qb.where('p.second_category_id', '=', filter.secondCategoryId!))
      .$if(filter.sellerId !== undefined, (qb) => qb.where('p.seller_id', '=', filter.sellerId!))
      .$if(filter.onSale === true, (qb) => qb.where((eb) => isDiscountActiveAt(eb, now)))
      .$if(filter.onSale === false, (qb) => qb.where((eb) => eb.not(isDiscountActiveAt(eb, now))))
      .$if(filter.q !== undefined, (qb) => qb.where('p.name', 'like', `%${escapeLike(filter.q!)}%`))
      .$if(filter.minPrice !== undefined, (qb) => qb.where('p.effective_price', '>=', filter.minPrice!))
      .$if(filter.maxPrice !== undefined, (qb) => qb.where('p.effective_price', '<=', filter.maxPrice!))
      .$if(cursor !== undefined, (qb) => qb.where((eb) => isAfterCursor(eb, sort, cursor!)))
      .orderBy(key, direction)
      .orderBy('p.id', direction)
      .limit(limit + 1)
  );
}

export type ProductListRow = Awaited<ReturnType<ReturnType<typeof buildProductListQuery>['execute']>>[number];

/** One page of the feed and the cursor of the row after it, if any. */
export async function findProductPage(db: Db, params: ProductListParams): Promise<{ rows: ProductListRow[]; next: ProductCursor | null }> {
  const rows = await buildProductListQuery(db, params).execute();
  if (rows.length <= params.limit) return { rows, next: null };
  const page = rows.slice(0, params.limit);
  const last = page[page.length - 1];
  const key = last.sort_key instanceof Date ? last.sort_key.getTime() : Number(last.sort_key);
  return { rows: page, next: { key, id: last.id } };
}
