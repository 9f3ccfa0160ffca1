import type { Kysely } from 'kysely';
import type { LedgerTables } from './ledger-table.js';
import type { ObjectStore } from './object-store.js';

/** The part of a pino logger this package uses; Fastify's `request.log` and `app.log` fit. */
export interface StorageLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** What the ledger functions are handed; `DB` is the caller's schema, which must hold the ledger table. */
export interface StorageDeps<DB extends LedgerTables = LedgerTables> {
  db: Kysely<DB>;
  store: ObjectStore;
  logger: StorageLogger;
}
