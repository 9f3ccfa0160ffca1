import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema/index.js';
import { isLiveProduct, registeredDay, UNLISTED_ATTRIBUTE } from './membership.js';

// The counter tables: product_counts (live products by registration day, seller attribute and flags),
// seller_product_counts (by seller and flags) and question_counts (by question day, type and answered). Their
// triggers (migrations 20261130000100, 20261201000500, 20261201000600) honour @skip_product_counts.

/**
 * Recomputes the counter tables from their source tables in one transaction: for a session that set
 * @skip_product_counts (the bulk loader) or an operator's repair. The same rows the triggers write.
 */
export async function rebuildProductCounts(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`DELETE FROM product_counts`.execute(trx);
    await sql`INSERT INTO product_counts (registered_day, attribute_id, is_on_sale, is_displayed, product_count)
      SELECT ${registeredDay('p.created_at')}, COALESCE(s.attribute_id, ${UNLISTED_ATTRIBUTE}), p.is_on_sale, p.is_displayed, COUNT(*)
      FROM products p INNER JOIN sellers s ON s.id = p.seller_id
      WHERE ${isLiveProduct('p')}
      GROUP BY ${registeredDay('p.created_at')}, COALESCE(s.attribute_id, ${UNLISTED_ATTRIBUTE}), p.is_on_sale, p.is_displayed`.execute(
      trx,
    );
    await sql`DELETE FROM seller_product_counts`.execute(trx);
    await sql`INSERT INTO seller_product_counts (seller_id, is_on_sale, is_displayed, product_count)
      SELECT p.seller_id, p.is_on_sale, p.is_displayed, COUNT(*) FROM products p WHERE ${isLiveProduct('p')}
      GROUP BY p.seller_id, p.is_on_sale, p.is_displayed`.execute(trx);
    await sql`DELETE FROM question_counts`.execute(trx);
    await sql`INSERT INTO question_counts (question_day, type_id, is_answered, question_count)
      SELECT ${registeredDay('created_at')}, type_id, is_answered, COUNT(*) FROM questions WHERE deleted_at IS NULL
      GROUP BY ${registeredDay('created_at')}, type_id, is_answered`.execute(trx);
  });
}
