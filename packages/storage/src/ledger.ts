import { sql, type Kysely } from 'kysely';
import { LedgerConflictError } from './errors.js';
import { ledgerDb, type LedgerTables, type StorageObjectState } from './ledger-table.js';

// The upload ledger (`storage_objects`): every object is recorded `pending` before it is uploaded, turns
// `live` in the transaction that references it, `doomed` in the one that stops referencing it, and
// `deleted` once it is gone from the bucket. `sweeping` marks rows a sweeper has claimed.
//
// Each function takes the executor first (a Kysely instance or transaction over any schema holding the table):
// the caller decides whether it runs inside a transaction.

const LAST_ERROR_MAX = 500;
const now3 = sql<Date>`CURRENT_TIMESTAMP(3)`;

function unique(keys: readonly string[]): string[] {
  return [...new Set(keys)];
}

export async function recordPending<DB extends LedgerTables>(executor: Kysely<DB>, keys: readonly string[]): Promise<void> {
  const db = ledgerDb(executor);
  if (keys.length === 0) return;
  await db
    .insertInto('storage_objects')
    .values(unique(keys).map((object_key) => ({ object_key, state: 'pending' as const })))
    .execute();
}

/**
 * Drops the rows of objects already deleted, so their keys can be recorded again: a key derived from another
 * (an image's thumbnail) is retried under the same name after a failed attempt was undone. Other states stay.
 */
export async function forgetDeleted<DB extends LedgerTables>(executor: Kysely<DB>, keys: readonly string[]): Promise<void> {
  const db = ledgerDb(executor);
  const wanted = unique(keys);
  if (wanted.length === 0) return;
  await db.deleteFrom('storage_objects').where('state', '=', 'deleted').where('object_key', 'in', wanted).execute();
}

/**
 * pending → live, inside the transaction that commits the rows referencing `keys`. Throws
 * `LedgerConflictError` when any key is no longer pending (a sweeper claimed it), so that transaction
 * rolls back instead of committing a row that points at an object being deleted.
 */
export async function markLive<DB extends LedgerTables>(executor: Kysely<DB>, keys: readonly string[]): Promise<void> {
  const trx = ledgerDb(executor);
  const wanted = unique(keys);
  if (wanted.length === 0) return;
  const result = await trx
    .updateTable('storage_objects')
    .set({ state: 'live', updated_at: now3, last_error: null })
    .where('state', '=', 'pending')
    .where('object_key', 'in', wanted)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === wanted.length) return;
  const live = await trx
    .selectFrom('storage_objects')
    .select('object_key')
    .where('object_key', 'in', wanted)
    .where('state', '=', 'live')
    .execute();
  const liveKeys = new Set(live.map((r) => r.object_key));
  throw new LedgerConflictError(wanted.filter((key) => !liveKeys.has(key)));
}

/**
 * live → doomed, inside the transaction that stops referencing `keys`; the objects are deleted after it
 * commits. Keys the ledger does not hold as live are left alone. Returns how many rows were doomed.
 */
export async function markDoomed<DB extends LedgerTables>(executor: Kysely<DB>, keys: readonly string[]): Promise<number> {
  const trx = ledgerDb(executor);
  const wanted = unique(keys);
  if (wanted.length === 0) return 0;
  const result = await trx
    .updateTable('storage_objects')
    .set({ state: 'doomed', updated_at: now3 })
    .where('state', '=', 'live')
    .where('object_key', 'in', wanted)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The objects are gone from the bucket. A live row is never marked deleted. */
export async function markDeleted<DB extends LedgerTables>(executor: Kysely<DB>, keys: readonly string[]): Promise<void> {
  const db = ledgerDb(executor);
  const wanted = unique(keys);
  if (wanted.length === 0) return;
  await db
    .updateTable('storage_objects')
    .set({ state: 'deleted', updated_at: now3, last_error: null })
    .where('state', 'in', ['pending', 'doomed', 'sweeping'])
    .where('object_key', 'in', wanted)
    .execute();
}

/** Keeps the rows in their state (for the sweeper) and records why the delete failed. */
export async function recordDeleteFailure<DB extends LedgerTables>(
  executor: Kysely<DB>,
  keys: readonly string[],
  message: string,
): Promise<void> {
  const db = ledgerDb(executor);
  const wanted = unique(keys);
  if (wanted.length === 0) return;
  await db
    .updateTable('storage_objects')
    .set({ last_error: message.slice(0, LAST_ERROR_MAX), updated_at: now3 })
    .where('object_key', 'in', wanted)
    .where('state', '<>', 'deleted')
    .execute();
}

/** Of `keys`, those whose row is in `state` (read through the given executor). */
export async function findKeysInState<DB extends LedgerTables>(
  executor: Kysely<DB>,
  keys: readonly string[],
  state: StorageObjectState,
): Promise<string[]> {
  const db = ledgerDb(executor);
  const wanted = unique(keys);
  if (wanted.length === 0) return [];
  const rows = await db
    .selectFrom('storage_objects')
    .select('object_key')
    .where('object_key', 'in', wanted)
    .where('state', '=', state)
    .execute();
  return rows.map((r) => r.object_key);
}

export interface ClaimedObject {
  id: number;
  object_key: string;
  /** The state the row was in before it was claimed. */
  state: StorageObjectState;
}

export interface ClaimCriteria {
  /** Pending rows created before this are orphans of a crashed or abandoned request. */
  pendingBefore: Date;
  /** Sweeping rows claimed before this belong to a sweeper that died mid-run. */
  sweepingBefore: Date;
  limit: number;
}

/**
 * Claims rows for deletion (→ sweeping). Must run in a transaction: the rows are read FOR UPDATE, so a
 * concurrent `markLive` of the same key either wins first (and the row is no longer pending) or waits and
 * then finds it claimed. Rows locked by an in-flight request are skipped rather than waited for.
 */
export async function claimForSweep<DB extends LedgerTables>(executor: Kysely<DB>, criteria: ClaimCriteria): Promise<ClaimedObject[]> {
  const trx = ledgerDb(executor);
  const rows = await trx
    .selectFrom('storage_objects')
    .select(['id', 'object_key', 'state'])
    .where('state', 'in', ['pending', 'doomed', 'sweeping'])
    .where((eb) =>
      eb.or([
        eb('state', '=', 'doomed'),
        eb.and([eb('state', '=', 'pending'), eb('created_at', '<', criteria.pendingBefore)]),
        eb.and([eb('state', '=', 'sweeping'), eb('updated_at', '<', criteria.sweepingBefore)]),
      ]),
    )
    .orderBy('id')
    .limit(criteria.limit)
    .forUpdate()
    .skipLocked()
    .execute();
  if (rows.length === 0) return [];
  await trx
    .updateTable('storage_objects')
    .set({ state: 'sweeping', updated_at: now3 })
    .where(
      'id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  return rows;
}

/**
 * Gives claimed rows back after their delete failed, with the reason. They become `doomed`, not their
 * old state: a claim is the point of no return (markLive already fails for them), so they are known to
 * be unreferenced and the next sweep retries them at once, while a slow request can never revive them.
 */
export async function releaseClaims<DB extends LedgerTables>(
  executor: Kysely<DB>,
  keys: readonly string[],
  message: string,
): Promise<void> {
  const db = ledgerDb(executor);
  const wanted = unique(keys);
  if (wanted.length === 0) return;
  await db
    .updateTable('storage_objects')
    .set({ state: 'doomed', last_error: message.slice(0, LAST_ERROR_MAX), updated_at: now3 })
    .where('state', '=', 'sweeping')
    .where('object_key', 'in', wanted)
    .execute();
}
