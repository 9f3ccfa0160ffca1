import { messageOf, StorageDeleteError } from './errors.js';
import type { ObjectStore } from './object-store.js';

export interface DeleteOutcome {
  /** Keys that may still exist. */
  failedKeys: string[];
  message: string;
  err?: unknown;
}

/** Deletes and reports which keys failed instead of throwing, so callers can keep them in the ledger. */
export async function deleteObjects(store: ObjectStore, keys: readonly string[]): Promise<DeleteOutcome> {
  if (keys.length === 0) return { failedKeys: [], message: '' };
  try {
    await store.deleteMany(keys);
    return { failedKeys: [], message: '' };
  } catch (err) {
    if (err instanceof StorageDeleteError) {
      return { failedKeys: err.failedKeys, message: err.failures[0]?.message ?? err.message, err };
    }
    return { failedKeys: [...keys], message: messageOf(err), err };
  }
}
