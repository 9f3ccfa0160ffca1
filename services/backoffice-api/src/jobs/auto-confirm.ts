import { sql, withTransactionRetry, type Db } from '@brandi/db';
import { confirmBySystem } from '../routes/orders/moves.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Items claimed per transaction. */
export const AUTO_CONFIRM_BATCH = 200;

export interface AutoConfirmResult {
  /** The items this run confirmed, in the order it confirmed them. */
  confirmed: number[];
}

/**
 * One batch: claims up to `batch` delivered items older than the cutoff with `FOR UPDATE SKIP LOCKED` (rows
 * another instance holds are passed over, never waited on), confirms them by the system and commits. The
 * claimed items are moved in seller order, so the per-seller counter rows the moves update are always locked
 * in key order and two instances cannot deadlock on them.
 */
async function confirmBatch(db: Db, cutoff: Date, now: Date, batch: number): Promise<number[]> {
  return withTransactionRetry(db, async (trx) => {
    const claimed = await sql<{ id: number; seller_id: number }>`SELECT i.id, i.seller_id FROM order_items i
      WHERE i.status = 'delivered' AND i.status_changed_at < ${cutoff}
      ORDER BY i.status_changed_at, i.id LIMIT ${batch} FOR UPDATE SKIP LOCKED`.execute(trx);
    const items = [...claimed.rows].sort((a, b) => a.seller_id - b.seller_id || a.id - b.id);
    for (const item of items) await confirmBySystem(trx, Number(item.id), now);
    return items.map((item) => Number(item.id));
  });
}

/**
 * One run of the purchase auto-confirmation: delivered items whose delivery is older than `days` become
 * `confirmed` by the system, batch after batch until none is left. Safe on many instances at once.
 */
export async function autoConfirmDelivered(db: Db, options: { days: number; now?: Date; batch?: number }): Promise<AutoConfirmResult> {
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - options.days * DAY_MS);
  const batch = options.batch ?? AUTO_CONFIRM_BATCH;
  const confirmed: number[] = [];
  while (true) {
    const done = await confirmBatch(db, cutoff, now, batch);
    confirmed.push(...done);
    // A short batch means nothing claimable is left (what others hold is theirs to confirm).
    if (done.length < batch) return { confirmed };
  }
}
