import { effectivePriceColumns, type Db } from '@brandi/db';
import { CATEGORY } from './sellers.fixtures.js';

/** `count` plain products for `sellerId` in multi-row INSERTs, registered one second apart ending at `endAt`. */
export async function insertManyProducts(db: Db, sellerId: number, count: number, endAt: Date, prefix: string): Promise<void> {
  const batch = 2000;
  for (let start = 0; start < count; start += batch) {
    const rows = Array.from({ length: Math.min(batch, count - start) }, (_, k) => {
      const i = start + k;
      const created = new Date(endAt.getTime() - (count - i) * 1000);
      const discount = { price: 1000 + (i % 50) * 10, discount_rate: 0, discount_starts_at: null, discount_ends_at: null };
      return {
        seller_id: sellerId,
        code: `${prefix}${String(i).padStart(8, '0')}`,
        name: `대량 상품 ${i}`,
        main_category_id: CATEGORY.shop.main,
        first_category_id: CATEGORY.shop.first,
        second_category_id: CATEGORY.shop.second,
        simple_description: null,
        detail_html: '<p>bulk</p>',
        ...discount,
        ...effectivePriceColumns(discount, created),
        min_order_qty: 1,
        max_order_qty: 10,
        is_on_sale: true,
        is_displayed: true,
        main_image_key: `products/${sellerId}/bulk-${i}.jpg`,
        ranking_score: 0,
        created_at: created,
        updated_at: created,
        deleted_at: null,
      };
    });
    await db.insertInto('products').values(rows).execute();
  }
}
