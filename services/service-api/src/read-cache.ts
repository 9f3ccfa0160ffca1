import type { CachedRead } from '@brandi/http';

/**
 * An opt-in cache for the hottest shopper reads (category tree, first pages of category feeds, product detail).
 * Reads and what invalidates them are named in @brandi/http's catalog-cache.ts (shared with the back office).
 * Two implementations: this in-process one (one instance: the back office writes from another process, so
 * the TTL bounds how long its writes stay invisible here; this service's own writes invalidate at once) and,
 * with REDIS_URL, redis-read-cache.ts, shared by every instance and invalidated at once by either service.
 * It holds DB results, not responses, so discounts are still computed for the moment of each request.
 */
export interface ReadCache {
  readonly enabled: boolean;
  remember<T>(read: CachedRead, load: () => Promise<T>): Promise<T>;
  /** Drops every cached read that depends on one of `scopes` (see catalogChanges); never throws. */
  invalidate(scopes: readonly string[]): Promise<void>;
  stats(): { hits: number; misses: number; size: number };
}

interface Entry {
  value: Promise<unknown>;
  expiresAt: number;
  scopes: readonly string[];
}

export function createReadCache(options: { ttlMs: number; maxEntries?: number; clock?: () => number }): ReadCache {
  const { ttlMs, maxEntries = 10_000, clock = Date.now } = options;
  const entries = new Map<string, Entry>();
  let hits = 0;
  let misses = 0;
  return {
    enabled: ttlMs > 0,
    remember<T>(read: CachedRead, load: () => Promise<T>): Promise<T> {
      if (ttlMs <= 0) return load();
      const key = read.name;
      const entry = entries.get(key);
      if (entry && entry.expiresAt > clock()) {
        hits++;
        // Re-insert so the Map's order is least-recently-used first.
        entries.delete(key);
        entries.set(key, entry);
        return entry.value as Promise<T>;
      }
      misses++;
      // Concurrent misses share one load; a failed load is not cached.
      const value = load();
      entries.delete(key);
      entries.set(key, { value, expiresAt: clock() + ttlMs, scopes: read.scopes });
      value.catch(() => {
        if (entries.get(key)?.value === value) entries.delete(key);
      });
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
      return value;
    },
    async invalidate(scopes) {
      // A scan of at most maxEntries: invalidations here come from shopper writes, far rarer than reads.
      const touched = new Set(scopes);
      for (const [key, entry] of entries) if (entry.scopes.some((scope) => touched.has(scope))) entries.delete(key);
    },
    stats: () => ({ hits, misses, size: entries.size }),
  };
}
