import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema/index.js';

/**
 * Recomputes order_item_counts from order_items in one transaction: for sessions that skipped the triggers'
 * upkeep (@skip_order_item_counts, a bulk generator) or an operator's repair. Same rows as the triggers of
 * migration 20261202000300 write.
 */
export async function rebuildOrderItemCounts(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`DELETE FROM order_item_counts`.execute(trx);
    await sql`INSERT INTO order_item_counts (seller_id, status, item_count)
      SELECT seller_id, status, COUNT(*) FROM order_items GROUP BY seller_id, status`.execute(trx);
  });
}
