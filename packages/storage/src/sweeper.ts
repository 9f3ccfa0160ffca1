import { claimForSweep, markDeleted, releaseClaims, type ClaimedObject } from './ledger.js';
import { deleteObjects } from './delete-objects.js';
import type { StorageDeps } from './deps.js';
import { ledgerDb, type LedgerTables } from './ledger-table.js';

export interface SweepOptions {
  /** How long a pending upload may stay unreferenced before it counts as an orphan. */
  graceSeconds: number;
  now?: Date;
  batchSize?: number;
}

export interface SweepResult {
  deleted: string[];
  failed: string[];
}

/**
 * Deletes what no committed row references: pending uploads older than the grace period (their request
 * crashed or its undo failed), every doomed object, and rows a dead sweeper left claimed.
 */
export async function sweep<DB extends LedgerTables>(deps: StorageDeps<DB>, options: SweepOptions): Promise<SweepResult> {
  const { store, logger } = deps;
  const db = ledgerDb(deps.db);
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - options.graceSeconds * 1000);
  const batchSize = options.batchSize ?? 500;
  const result: SweepResult = { deleted: [], failed: [] };

  for (;;) {
    const claimed: ClaimedObject[] = await db
      .transaction()
      .setIsolationLevel('read committed')
      .execute((trx) => claimForSweep(trx, { pendingBefore: cutoff, sweepingBefore: cutoff, limit: batchSize }));
    if (claimed.length === 0) break;

    const keys = claimed.map((c) => c.object_key);
    const failed = await deleteObjects(store, keys);
    const failedSet = new Set(failed.failedKeys);
    const deleted = keys.filter((key) => !failedSet.has(key));
    await markDeleted(db, deleted);
    await releaseClaims(db, failed.failedKeys, failed.message);
    result.deleted.push(...deleted);
    result.failed.push(...failed.failedKeys);

    if (failed.failedKeys.length > 0) {
      logger.error({ err: failed.err, keys: failed.failedKeys }, 'sweep: objects could not be deleted; next sweep retries');
      // Released rows would be claimed again at once; leave them for the next run.
      break;
    }
    if (claimed.length < batchSize) break;
  }

  if (result.deleted.length > 0) logger.info({ keys: result.deleted, count: result.deleted.length }, 'sweep: deleted orphaned objects');
  return result;
}
