import type { ColumnType, Generated, Kysely } from 'kysely';

// The ledger's own view of its table. The schema (migrations) lives in the database package; this package
// only needs the shape of `storage_objects`, so it is handed any Kysely instance or transaction over a schema
// that holds that table and never depends on the application's full schema.

export type StorageObjectState = 'pending' | 'live' | 'doomed' | 'sweeping' | 'deleted';

export interface StorageObjectsTable {
  id: Generated<number>;
  object_key: string;
  state: StorageObjectState;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  last_error: string | null;
}

/** The tables the ledger reads and writes; an application schema extends it. */
export interface LedgerTables {
  storage_objects: StorageObjectsTable;
}

/**
 * A Kysely instance over a schema `DB` narrowed to the ledger's table. Kysely's type is invariant in its schema,
 * so a `Kysely<AppSchema>` is not a `Kysely<LedgerTables>` even when the app schema holds the table; the
 * constraint `DB extends LedgerTables` is what checks that it does.
 */
export function ledgerDb<DB extends LedgerTables>(db: Kysely<DB>): Kysely<LedgerTables> {
  return db as unknown as Kysely<LedgerTables>;
}
