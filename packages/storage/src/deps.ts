import type { Db } from '@brandi/db';
import type { ObjectStore } from './object-store.js';

/** The part of a pino logger this package uses; Fastify's `request.log` and `app.log` fit. */
export interface StorageLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface StorageDeps {
  db: Db;
  store: ObjectStore;
  logger: StorageLogger;
}
