import type { Db } from '@brandi/db';
import type { ObjectStore } from '@brandi/storage';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { TokenService } from '../auth.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    store: ObjectStore;
    /** The clock every use case reads, injectable so tests can pin "now". */
    now: () => Date;
    /** Signs and verifies this service's tokens (its own audience). */
    tokens: TokenService;
  }
}

/** `app.db`: the caller's Kysely instance (the caller owns and closes it). */
export const dbPlugin = fp<{ db: Db }>(
  async (app: FastifyInstance, { db }) => {
    app.decorate('db', db);
  },
  { name: 'db' },
);

/** `app.store`: the S3 object store. */
export const objectStorePlugin = fp<{ store: ObjectStore }>(
  async (app: FastifyInstance, { store }) => {
    app.decorate('store', store);
  },
  { name: 'object-store' },
);

/** `app.now()`: the wall clock unless a test hands in its own. */
export const clockPlugin = fp<{ now?: () => Date }>(
  async (app: FastifyInstance, { now }) => {
    app.decorate('now', now ?? (() => new Date()));
  },
  { name: 'clock' },
);
