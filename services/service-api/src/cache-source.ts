import type { Db } from '@brandi/db';
import type { FastifyRequest } from 'fastify';

/**
 * The Db a read loads from when the read cache may keep it: the primary while the cache is on, since a key a
 * write has just invalidated must not be refilled from a replica that has not applied the write yet (it would
 * then stay stale for the whole TTL); the request's read Db (the replica, for anonymous callers) when it is off.
 */
export function cacheFillDb(request: FastifyRequest): Db {
  return request.server.cache.enabled ? request.server.db : request.readDb;
}
