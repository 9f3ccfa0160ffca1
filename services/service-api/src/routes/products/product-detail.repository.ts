import { PRICE_COLUMNS, type Db } from '@brandi/db';
import { selectVisibleProducts } from './products.repository.js';

/** A visible product with its seller and category names, or undefined when a shopper may not see it. */
export function findVisibleProduct(db: Db, id: number) {
  return (
    selectVisibleProducts(db)
      .innerJoin('main_categories as mc', 'mc.id', 'p.main_category_id')
      .innerJoin('first_categories as fc', 'fc.id', 'p.first_category_id')
      .innerJoin('second_categories as sc', 'sc.id', 'p.second_category_id')
      // The rating summary kept with the product (updated in each review's transaction), never counted here.
      .leftJoin('product_review_stats as rs', 'rs.product_id', 'p.id')
      .select([
        'p.id',
        'p.code',
        'p.name',
        ...PRICE_COLUMNS,
        'p.simple_description',
        'p.detail_html',
        'p.min_order_qty',
        'p.max_order_qty',
        'p.is_on_sale',
        'p.sales_count',
        'mc.id as main_category_id',
        'mc.name as main_category_name',
        'fc.id as first_category_id',
        'fc.name as first_category_name',
        'sc.id as second_category_id',
        'sc.name as second_category_name',
        's.id as seller_id',
        's.name_ko as seller_name',
        's.image_url as seller_image_url',
        's.site_url as seller_site_url',
        'rs.review_count',
        'rs.rating_sum',
      ])
      .where('p.id', '=', id)
      .executeTakeFirst()
  );
}

/** The seller of a visible product (for writes that need the product to be visible), or undefined. */
export function findVisibleProductSeller(db: Db, id: number) {
  return selectVisibleProducts(db).select(['p.id', 'p.seller_id']).where('p.id', '=', id).executeTakeFirst();
}

export function findProductImageKeys(db: Db, productId: number) {
  return db
    .selectFrom('product_images')
    .select('object_key')
    .where('product_id', '=', productId)
    .orderBy('position')
    .orderBy('id')
    .execute();
}

export function findProductOptions(db: Db, productId: number) {
  return db
    .selectFrom('product_options')
    .select(['id', 'color', 'size', 'stock'])
    .where('product_id', '=', productId)
    .orderBy('position')
    .orderBy('id')
    .execute();
}

export async function countProductQuestions(db: Db, productId: number): Promise<number> {
  const row = await db
    .selectFrom('questions')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('product_id', '=', productId)
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
