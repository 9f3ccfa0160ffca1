import type { Redis } from 'ioredis';
import { withTimeout } from '../with-timeout.js';

/**
 * Callers whose reads go to the primary for a short window after their own write, so they read their writes
 * while the replica lags. A caller is a string such as `seller:12`.
 */
export interface PrimaryPins {
  /** Starts (or restarts) the caller's window. */
  pin(caller: string): Promise<void>;
  /** True while the caller's window is open, and whenever the answer is unknown (the primary is always safe). */
  isPinned(caller: string): Promise<boolean>;
}

/** Pins in this process's memory: right for one instance (a caller's next request may reach another). */
export function inProcessPins(windowMs: number, now: () => number = Date.now): PrimaryPins {
  // Insertion order is expiry order (one window for all, a re-pin moves to the end): expired pins are at the front.
  const until = new Map<string, number>();
  return {
    async pin(caller) {
      const at = now();
      for (const [key, end] of until) {
        if (end > at) break;
        until.delete(key);
      }
      until.delete(caller);
      until.set(caller, at + windowMs);
    },
    async isPinned(caller) {
      return (until.get(caller) ?? 0) > now();
    },
  };
}

export interface RedisPinsOptions {
  /** Prefix of the pin keys (`<prefix><caller>`), after the client's own (`brandi:` from createRedisClient). */
  keyPrefix?: string;
  /** A Redis answer slower than this counts as an error (ioredis queues commands while it reconnects). */
  timeoutMs?: number;
}

/**
 * Pins shared by every instance: one key per pinned caller that Redis expires at the end of the window. When
 * Redis fails, `isPinned` says yes (reads go to the primary) and `pin` rejects.
 */
export function redisPins(redis: Redis, windowMs: number, { keyPrefix = 'pin:', timeoutMs = 250 }: RedisPinsOptions = {}): PrimaryPins {
  const answer = <T>(work: Promise<T>) => withTimeout(work, timeoutMs, `Redis did not answer within ${timeoutMs} ms`);
  return {
    async pin(caller) {
      await answer(redis.set(`${keyPrefix}${caller}`, '1', 'PX', windowMs));
    },
    async isPinned(caller) {
      try {
        return (await answer(redis.exists(`${keyPrefix}${caller}`))) > 0;
      } catch {
        return true;
      }
    },
  };
}
