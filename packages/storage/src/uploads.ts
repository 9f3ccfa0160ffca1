import type { Transaction } from 'kysely';
import { deleteObjects } from './delete-objects.js';
import type { StorageDeps } from './deps.js';
import { messageOf } from './errors.js';
import type { LedgerTables } from './ledger-table.js';
import { findKeysInState, markDeleted, markDoomed, markLive, recordDeleteFailure, recordPending } from './ledger.js';
import type { ObjectStore } from './object-store.js';

export interface UploadDeps<DB extends LedgerTables = LedgerTables> extends StorageDeps<DB> {
  /** How many puts run at once; default 3. */
  concurrency?: number;
}

export interface UploadFile {
  key: string;
  body: Buffer;
  contentType: string;
}

export interface UploadOptions<T> {
  /** Keys the work doomed (with `doom`) and that should be deleted once the transaction commits. */
  doomed?: (result: T) => readonly string[];
}

/** Inside the caller's transaction: the objects behind `keys` stop being referenced (live → doomed). */
export const doom = markDoomed;

/**
 * Do → commit → or undo. Records every key as pending, uploads the files, then runs `work` in a
 * transaction that also turns the keys live. On any failure the uploaded objects are deleted again and
 * the original error is rethrown; what cannot be deleted stays pending for the sweeper. After a commit,
 * the keys `options.doomed` names are deleted (failures are logged and left for the sweeper).
 */
export async function withUploads<DB extends LedgerTables, T>(
  deps: UploadDeps<DB>,
  files: readonly UploadFile[],
  work: (trx: Transaction<DB>, keys: string[]) => Promise<T>,
  options: UploadOptions<T> = {},
): Promise<T> {
  const keys = files.map((f) => f.key);
  if (new Set(keys).size !== keys.length) throw new Error('withUploads: duplicate object keys');
  await recordPending(deps.db, keys);

  let result: T;
  let commitAttempted = false;
  try {
    await putAll(deps.store, files, deps.concurrency ?? 3);
    result = await deps.db.transaction().execute(async (trx) => {
      const r = await work(trx, keys);
      await markLive(trx, keys);
      commitAttempted = true;
      return r;
    });
  } catch (err) {
    await undoUploads(deps, keys, err, commitAttempted);
    throw err;
  }

  let doomedKeys: readonly string[] = [];
  try {
    doomedKeys = options.doomed?.(result) ?? [];
  } catch (err) {
    deps.logger.error({ err }, 'could not tell which objects to delete after commit; the sweeper will');
  }
  await deleteAfterCommit(deps, doomedKeys);
  return result;
}

/** Puts with bounded parallelism; after the first failure no new put starts, in-flight ones finish. */
async function putAll(store: ObjectStore, files: readonly UploadFile[], concurrency: number): Promise<void> {
  let next = 0;
  let failure: { err: unknown } | undefined;
  const worker = async () => {
    while (failure === undefined && next < files.length) {
      const file = files[next++];
      try {
        await store.put(file.key, file.body, file.contentType);
      } catch (err) {
        failure ??= { err };
      }
    }
  };
  const workers = Math.max(1, Math.min(concurrency, files.length));
  await Promise.all(Array.from({ length: workers }, worker));
  if (failure !== undefined) throw failure.err;
}

/**
 * Deletes the objects of a failed request and marks them deleted. Never throws; what cannot be deleted
 * stays pending with last_error, and the sweeper removes it after the grace period.
 */
async function undoUploads<DB extends LedgerTables>(
  deps: StorageDeps<DB>,
  keys: readonly string[],
  cause: unknown,
  commitAttempted: boolean,
): Promise<void> {
  if (keys.length === 0) return;
  const context = { step: 'upload undo', cause: messageOf(cause) };
  // A failed COMMIT may still have committed (connection lost mid-way): then only keys the ledger still
  // holds as pending may go. Before the commit was attempted, nothing can be live.
  const targets = commitAttempted ? await keysInState(deps, keys, 'pending', context) : [...keys];
  if (targets) await deleteAndRecord(deps, targets, 'pending', context);
}

/**
 * Deletes objects a committed transaction doomed, and marks them deleted. Only keys the ledger holds as
 * doomed are deleted. Never throws: failures are logged and stay doomed for the sweeper.
 */
export async function deleteAfterCommit<DB extends LedgerTables>(deps: StorageDeps<DB>, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  const context = { step: 'delete after commit' };
  const targets = await keysInState(deps, keys, 'doomed', context);
  if (targets) await deleteAndRecord(deps, targets, 'doomed', context);
}

type LogContext = { step: string; cause?: string };

/** The keys in `state`, or undefined (logged) when the ledger cannot be read. */
async function keysInState<DB extends LedgerTables>(
  { db, logger }: StorageDeps<DB>,
  keys: readonly string[],
  state: 'pending' | 'doomed',
  context: LogContext,
): Promise<string[] | undefined> {
  try {
    return await findKeysInState(db, keys, state);
  } catch (err) {
    logger.error({ ...context, err, keys }, `${context.step}: ledger unreadable, objects left ${state} for the sweeper`);
    return undefined;
  }
}

/** Never throws: a request must not fail because cleanup did, but every failure is logged with its keys. */
async function deleteAndRecord<DB extends LedgerTables>(
  { db, store, logger }: StorageDeps<DB>,
  keys: readonly string[],
  leftState: 'pending' | 'doomed',
  context: LogContext,
): Promise<void> {
  if (keys.length === 0) return;
  const failed = await deleteObjects(store, keys);
  const failedSet = new Set(failed.failedKeys);
  try {
    await markDeleted(
      db,
      keys.filter((key) => !failedSet.has(key)),
    );
    if (failed.failedKeys.length > 0) await recordDeleteFailure(db, failed.failedKeys, failed.message);
  } catch (err) {
    logger.error({ ...context, err, keys }, `${context.step}: could not update the ledger; the sweeper will`);
  }
  if (failed.failedKeys.length > 0) {
    logger.error(
      { ...context, err: failed.err, keys: failed.failedKeys },
      `${context.step}: objects could not be deleted and are left ${leftState} for the sweeper`,
    );
  }
}
