import { sql, type Db } from '@brandi/db';
import type { ReviewSort } from './schemas.js';

export interface ProductReviewFilter {
  productId: number;
  rating?: number;
}

/**
 * A page of a product's live reviews. Each sort reads one index in order (migration 20261202000400 and
 * 20261202001000): newest off (product, deleted_at, created_at, id) or, with a rating, (…, rating, created_at,
 * id); rating_desc reads the rating index backwards, rating_asc its mirror with created_at and id descending.
 */
export function buildProductReviewPageQuery(
  db: Db,
  filter: ProductReviewFilter,
  sort: ReviewSort,
  window: { limit: number; offset: number },
) {
  const byRating = sort !== 'newest' && filter.rating === undefined;
  return db
    .selectFrom('reviews as r')
    .modifyFront(sql`STRAIGHT_JOIN`)
    .innerJoin('shoppers as sh', 'sh.id', 'r.shopper_id')
    .select([
      'r.id',
      'r.rating',
      'r.fit',
      'r.content',
      'r.option_color',
      'r.option_size',
      'r.created_at',
      'r.updated_at',
      sql<string>`CONCAT(LEFT(sh.login_id, 3), '***')`.as('author'),
    ])
    .where('r.product_id', '=', filter.productId)
    .where('r.deleted_at', 'is', null)
    .$if(filter.rating !== undefined, (qb) => qb.where('r.rating', '=', filter.rating!))
    .$if(byRating, (qb) => qb.orderBy('r.rating', sort === 'rating_asc' ? 'asc' : 'desc'))
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(window.limit)
    .offset(window.offset);
}

export type ProductReviewRow = Awaited<ReturnType<ReturnType<typeof buildProductReviewPageQuery>['execute']>>[number];

/** The caller's live reviews, newest first, off (shopper_id, deleted_at, created_at, id). */
export function buildMyReviewPageQuery(db: Db, shopperId: number, window: { limit: number; offset: number }) {
  return selectMyReviews(db)
    .where('r.shopper_id', '=', shopperId)
    .where('r.deleted_at', 'is', null)
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(window.limit)
    .offset(window.offset);
}

function selectMyReviews(db: Db) {
  return db
    .selectFrom('reviews as r')
    .modifyFront(sql`STRAIGHT_JOIN`)
    .innerJoin('shoppers as sh', 'sh.id', 'r.shopper_id')
    .innerJoin('products as p', 'p.id', 'r.product_id')
    .select([
      'r.id',
      'r.order_item_id',
      'r.rating',
      'r.fit',
      'r.content',
      'r.option_color',
      'r.option_size',
      'r.created_at',
      'r.updated_at',
      sql<string>`CONCAT(LEFT(sh.login_id, 3), '***')`.as('author'),
      'p.id as product_id',
      'p.name as product_name',
      'p.main_image_key',
    ]);
}

export type MyReviewRow = Awaited<ReturnType<ReturnType<typeof buildMyReviewPageQuery>['execute']>>[number];

export function findMyReview(db: Db, id: number) {
  return selectMyReviews(db).where('r.id', '=', id).executeTakeFirstOrThrow();
}

export async function countMyReviews(db: Db, shopperId: number): Promise<number> {
  const row = await db
    .selectFrom('reviews')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('shopper_id', '=', shopperId)
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The order item a review is about, locked so its status cannot move while the review is written. */
export function lockReviewableItem(db: Db, itemId: number) {
  return db
    .selectFrom('order_items')
    .select(['id', 'shopper_id', 'product_id', 'status', 'option_color', 'option_size'])
    .where('id', '=', itemId)
    .forUpdate()
    .executeTakeFirst();
}

export function findReviewOfItem(db: Db, itemId: number) {
  return db.selectFrom('reviews').select('id').where('order_item_id', '=', itemId).executeTakeFirst();
}

/** A live review of `shopperId`, locked for an edit or a delete; undefined for anyone else's. */
export function lockOwnLiveReview(db: Db, id: number, shopperId: number) {
  return db
    .selectFrom('reviews')
    .select(['id', 'product_id', 'rating', 'fit', 'content'])
    .where('id', '=', id)
    .where('shopper_id', '=', shopperId)
    .where('deleted_at', 'is', null)
    .forUpdate()
    .executeTakeFirst();
}
