import {
  bumpGenerations,
  type CachedRead,
  decodeCached,
  encodeCached,
  entryKey,
  type RedisClient,
  readGenerations,
  throttledWarning,
  type WarnLogger,
} from '@brandi/http';
import { createReadCache, type ReadCache } from './read-cache.js';

/**
 * The read cache shared by every instance (REDIS_URL): entries live in Redis under keys that embed the
 * generations of their scopes (see @brandi/http catalog-cache.ts), so a write by either service is seen by
 * every instance's next read, and the TTL only bounds how long an unread entry occupies memory.
 *
 * An entry under a versioned key never changes (a write moves the key instead), so each process also keeps
 * its most recent entries itself (`localEntries`, least recently used out, each for at most the TTL): a hit
 * costs one round trip (the generations) and no decoding; a local miss costs a second one for the entry (two
 * more the first time a scope is read). Concurrent identical reads in this process share one lookup and one
 * load, keyed by the generations they read, so a request that arrives after a write never joins a load that
 * started before it. An entry can outlive its TTL in Redis by at most one more TTL here, which matters only
 * when an invalidation was lost to a Redis outage. Redis is an accelerator: when it fails or times out (the client's
 * command timeout) the read goes to MySQL, identical reads still share one load, and a warning is logged at
 * most every 30 s; a shopper never sees a 503 or a hang because of it.
 */
export function createRedisReadCache(options: { redis: RedisClient; ttlMs: number; log: WarnLogger; localEntries?: number }): ReadCache {
  const { redis, ttlMs } = options;
  const local = createReadCache({ ttlMs, maxEntries: options.localEntries ?? 2_000 });
  const unavailable = throttledWarning(options.log, 'Redis unavailable: shopper reads go to MySQL until it answers');
  const uncacheable = throttledWarning(options.log, 'A cached read could not be stored or read back; it is served from MySQL');
  const inflight = new Map<string, Promise<unknown>>();
  let hits = 0;
  let misses = 0;

  function shared<T>(key: string, work: () => Promise<T>): Promise<T> {
    const running = inflight.get(key);
    if (running) return running as Promise<T>;
    const promise = work().finally(() => {
      if (inflight.get(key) === promise) inflight.delete(key);
    });
    inflight.set(key, promise);
    return promise;
  }

  async function lookup<T>(key: string, load: () => Promise<T>): Promise<T> {
    let stored: string | null;
    try {
      stored = await redis.get(key);
    } catch (err) {
      unavailable(err);
      return load();
    }
    if (stored !== null) {
      try {
        const value = decodeCached<T>(stored);
        hits++;
        return value;
      } catch (err) {
        uncacheable(err);
      }
    }
    misses++;
    const value = await load();
    let text: string;
    try {
      text = encodeCached(value);
    } catch (err) {
      uncacheable(err);
      // Not kept here either: what Redis cannot hold is loaded again each time, as without the local copy.
      await local.invalidate([key]);
      return value;
    }
    await redis.set(key, text, 'PX', ttlMs).catch(unavailable);
    return value;
  }

  return {
    enabled: ttlMs > 0,
    async remember<T>(read: CachedRead, load: () => Promise<T>): Promise<T> {
      if (ttlMs <= 0) return load();
      let generations: string[];
      try {
        generations = await readGenerations(redis, read);
      } catch (err) {
        unavailable(err);
        return shared(`offline|${read.name}`, load);
      }
      const key = entryKey(read, generations);
      // The local cache shares concurrent lookups of one key and forgets a failed one.
      return local.remember({ name: key, scopes: [key] }, () => lookup(key, load));
    },
    async invalidate(scopes) {
      await bumpGenerations(redis, scopes).catch(unavailable);
    },
    stats: () => ({ hits: hits + local.stats().hits, misses, size: local.stats().size }),
  };
}
