import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Redis } from 'ioredis';

/** The shared Redis (REDIS_URL): read cache, login/signup counters, and whatever else every instance must share. */
export type RedisClient = Redis;

/** Every key this project writes starts with this (tests hand in clients with a prefix of their own). */
export const REDIS_KEY_PREFIX = 'brandi:';

export interface RedisClientOptions {
  url: string;
  /** Prepended to every key (REDIS_KEY_PREFIX by default). */
  keyPrefix?: string;
  /** Connection trouble, reported as it happens (the client keeps reconnecting in the background). */
  onError?: (err: Error) => void;
}

/**
 * Redis is an accelerator here, never a dependency a request waits on: no offline queue (a command while
 * disconnected fails at once instead of waiting for a reconnect), no retries of a command, a short command
 * timeout (a hung server costs a request at most that much before it falls back to MySQL), and reconnects in
 * the background every ≤ 2 s. The connection is lazy: `connectRedis` opens it.
 */
export function createRedisClient(options: RedisClientOptions): RedisClient {
  const client = new Redis(options.url, {
    keyPrefix: options.keyPrefix ?? REDIS_KEY_PREFIX,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: 250,
    connectTimeout: 1000,
    retryStrategy: (attempt) => Math.min(100 * attempt, 2000),
  });
  // Without a listener ioredis prints every failed reconnect to stderr.
  client.on('error', options.onError ?? (() => {}));
  return client;
}

/** Opens the connection, waiting at most the connect timeout; a Redis that is down only means a slower start. */
export async function connectRedis(client: RedisClient): Promise<boolean> {
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  }
}

export interface WarnLogger {
  warn(obj: object, msg: string): void;
}

/**
 * A warning that is logged at most once per `intervalMs` (with how many were held back), so a Redis outage
 * under load costs a log line every half minute instead of one per request.
 */
export function throttledWarning(log: WarnLogger, message: string, intervalMs = 30_000, now: () => number = Date.now) {
  let lastAt = Number.NEGATIVE_INFINITY;
  let suppressed = 0;
  return (err: unknown) => {
    const at = now();
    if (at - lastAt < intervalMs) {
      suppressed++;
      return;
    }
    log.warn({ err, suppressed }, message);
    lastAt = at;
    suppressed = 0;
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The shared Redis when REDIS_URL is set (the caller owns and closes it); undefined on one instance. */
    redis: RedisClient | undefined;
  }
}

/** `app.redis`. */
export const redisPlugin = fp<{ redis?: RedisClient }>(
  async (app: FastifyInstance, { redis }) => {
    app.decorate('redis', redis);
  },
  { name: 'redis' },
);
