import { sql, type Kysely } from 'kysely';
import { discountWindowContains } from '../pricing.js';
import type { Database } from '../schema/index.js';

const BATCH = 1000;

/**
 * Brings `effective_price` / `effective_discount_rate` up to date for `now`: every discounted product whose
 * window has started or ended since its columns were last written. Idempotent, so several service instances
 * may run it at once. SQL mirrors pricing.ts: floor(price * (100 - rate) / 100 / 10) * 10 while the
 * discount is active (now within [start, end], a null bound being open). Returns the rows it changed.
 *
 * The stale rows are found by a plain (non-locking) read and updated by id: an UPDATE over the whole table
 * would lock every row it scans under REPEATABLE READ, stalling back-office writes for the scan (~0.5 s at
 * 1M products) on every run. The UPDATE re-checks the condition, so a row written meanwhile is left alone.
 */
export async function refreshEffectivePrices(db: Kysely<Database>, now: Date): Promise<number> {
  const active = discountWindowContains('discount_starts_at', 'discount_ends_at', now);
  const rate = sql<number>`CASE WHEN ${active} THEN discount_rate ELSE 0 END`;
  const stale = await db
    .selectFrom('products')
    .select('id')
    .where('discount_rate', '>', 0)
    .where(sql<boolean>`effective_discount_rate <> ${rate}`)
    .execute();
  let changed = 0;
  for (let i = 0; i < stale.length; i += BATCH) {
    const result = await db
      .updateTable('products')
      .set({
        effective_price: sql<number>`CASE WHEN ${active} THEN (price * (100 - discount_rate)) DIV 1000 * 10 ELSE price END`,
        effective_discount_rate: rate,
      })
      .where(
        'id',
        'in',
        stale.slice(i, i + BATCH).map((row) => row.id),
      )
      .where('discount_rate', '>', 0)
      .where(sql<boolean>`effective_discount_rate <> ${rate}`)
      .executeTakeFirst();
    changed += Number(result.numUpdatedRows);
  }
  return changed;
}
