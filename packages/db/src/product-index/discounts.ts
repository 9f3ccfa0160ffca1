import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema/index.js';
import { isLiveProduct } from './membership.js';

// product_discounts: the live products with a discount set (rate > 0), with their window and the columns the
// back office combines with it (migration 20261130000200). Its triggers honour @skip_product_discounts.

/** Recomputes product_discounts from products in one transaction (a session that skipped its triggers, a repair). */
export async function rebuildProductDiscounts(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`DELETE FROM product_discounts`.execute(trx);
    await sql`INSERT INTO product_discounts (product_id, seller_id, starts_at, ends_at, created_at, is_on_sale, is_displayed)
      SELECT p.id, p.seller_id, p.discount_starts_at, p.discount_ends_at, p.created_at, p.is_on_sale, p.is_displayed
      FROM products p WHERE ${isLiveProduct('p')} AND p.discount_rate > 0`.execute(trx);
  });
}
