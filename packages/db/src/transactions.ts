import type { Kysely, Transaction } from 'kysely';
import { isLockConflict } from './errors.js';
import type { Database } from './schema/index.js';

export interface TransactionRetryOptions {
  /** Tries in all, the first included (default 4). */
  attempts?: number;
  /** Backoff before the nth retry is about baseDelayMs × 2^(n-1), with jitter (default 15). */
  baseDelayMs?: number;
}

/**
 * Runs `work` in a transaction and runs it again, whole, when InnoDB chose it as a deadlock victim or a lock
 * wait timed out: both roll the work back, so a retry is safe as long as `work` does nothing outside the
 * database. The last failure is rethrown (callers map it; see `isLockConflict`).
 */
export async function withTransactionRetry<T>(
  db: Kysely<Database>,
  work: (trx: Transaction<Database>) => Promise<T>,
  options: TransactionRetryOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? 4;
  const baseDelayMs = options.baseDelayMs ?? 15;
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(work);
    } catch (err) {
      if (attempt >= attempts || !isLockConflict(err)) throw err;
      // Jitter keeps the transactions that collided from colliding again in lockstep.
      const delay = baseDelayMs * 2 ** (attempt - 1) * (0.5 + Math.random());
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
