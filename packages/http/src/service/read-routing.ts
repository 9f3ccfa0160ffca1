import type { Db } from '@brandi/db';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { PrimaryPins } from './primary-pins.js';

/** Where a route's reads may go: `replica` lets anonymous and unpinned callers' GETs read the replica. */
export type ReadSource = 'primary' | 'replica';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `replica`: this GET may read through `request.readDb` from the replica (default `primary`). */
    reads?: ReadSource;
  }
  interface FastifyRequest {
    /**
     * Where this request's reads go: the replica on a `reads: 'replica'` GET by an anonymous caller (no
     * Authorization) or a caller not pinned by a recent write of their own; `app.db` (the primary) otherwise.
     * Writes and transactions always use `app.db`.
     */
    readDb: Db;
  }
}

const READ_METHODS = new Set(['GET', 'HEAD']);

export interface ReadRoutingOptions {
  /** The primary (`app.db`). */
  db: Db;
  /** The replica's Db; `db` itself when there is no replica (then nothing is routed or pinned). */
  readDb: Db;
  pins: PrimaryPins;
}

async function mayReadReplica(request: FastifyRequest, pins: PrimaryPins): Promise<boolean> {
  if (request.routeOptions.config?.reads !== 'replica' || !READ_METHODS.has(request.method)) return false;
  // A token the route did not read may belong to a caller who just wrote: the primary is the safe side.
  // callerKey is undefined outside the scopes that resolve callers.
  if (!request.callerKey) return request.headers.authorization === undefined;
  return !(await pins.isPinned(request.callerKey));
}

/**
 * `request.readDb` for every route, and read-your-writes: any other request by an identified caller pins them
 * to the primary before its answer is sent, so their reads right after it see what it wrote.
 */
export const readRoutingPlugin = fp<ReadRoutingOptions>(
  async (app: FastifyInstance, { db, readDb, pins }) => {
    app.decorateRequest('readDb', null as unknown as Db);
    // After every onRequest hook: the caller is known by then.
    app.addHook('preHandler', async (request) => {
      request.readDb = readDb !== db && (await mayReadReplica(request, pins)) ? readDb : db;
    });
    if (readDb === db) return;
    app.addHook('onSend', async (request, _reply, payload) => {
      if (!READ_METHODS.has(request.method) && request.callerKey) {
        // The write is done either way; without the pin this caller may read the replica's older copy.
        await pins.pin(request.callerKey).catch((err) => request.log.warn({ err }, 'could not pin the caller to the primary'));
      }
      return payload;
    });
  },
  { name: 'read-routing' },
);
