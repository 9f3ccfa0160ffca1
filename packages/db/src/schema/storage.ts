import type { Generated, Selectable } from 'kysely';
import type { CreatedAt, UpdatedAt } from './columns.js';

// Object storage: the upload ledger. @brandi/storage reads and writes it through its own copy of this shape
// (packages/storage/src/ledger-table.ts), so it does not depend on this package.

export type StorageObjectState = 'pending' | 'live' | 'doomed' | 'sweeping' | 'deleted';

/** The upload ledger: every object key the services write, from before its upload until it is deleted. */
export interface StorageObjectTable {
  id: Generated<number>;
  object_key: string;
  state: StorageObjectState;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  last_error: string | null;
}

export interface StorageTables {
  storage_objects: StorageObjectTable;
}

export type StorageObject = Selectable<StorageObjectTable>;
