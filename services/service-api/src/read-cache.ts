/**
 * An opt-in, in-process cache for the hottest shopper reads (category tree, first pages of category feeds,
 * product detail). Entries live at most `ttlMs`: the back office writes from another process, so the TTL is
 * the bound on how long a write can stay invisible here; this service's own writes invalidate at once.
 * It holds DB results, not responses, so discounts are still computed for the moment of each request.
 */
export interface ReadCache {
  readonly enabled: boolean;
  remember<T>(key: string, load: () => Promise<T>): Promise<T>;
  invalidate(key: string): void;
  stats(): { hits: number; misses: number; size: number };
}

interface Entry {
  value: Promise<unknown>;
  expiresAt: number;
}

export function createReadCache(options: { ttlMs: number; maxEntries?: number; clock?: () => number }): ReadCache {
  const { ttlMs, maxEntries = 10_000, clock = Date.now } = options;
  const entries = new Map<string, Entry>();
  let hits = 0;
  let misses = 0;
  return {
    enabled: ttlMs > 0,
    remember<T>(key: string, load: () => Promise<T>): Promise<T> {
      if (ttlMs <= 0) return load();
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
      entries.set(key, { value, expiresAt: clock() + ttlMs });
      value.catch(() => {
        if (entries.get(key)?.value === value) entries.delete(key);
      });
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
      return value;
    },
    invalidate(key: string) {
      entries.delete(key);
    },
    stats: () => ({ hits, misses, size: entries.size }),
  };
}
