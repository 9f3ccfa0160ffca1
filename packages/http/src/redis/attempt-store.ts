import { createMemoryAttemptStore, type AttemptStore } from '../login-rate-limit.js';
import type { RedisClient } from './client.js';

// One round trip, atomic: a fixed window opens with the first attempt (PEXPIRE only when the key is new, or has
// somehow lost its expiry) and the count and the time left come back together.
const INCREMENT = `
local count = redis.call('INCR', KEYS[1])
local left = redis.call('PTTL', KEYS[1])
if left < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  left = tonumber(ARGV[1])
end
return {count, left}`;

// Never below zero, and nothing once the window has closed (DECR on a missing key would open one with no expiry).
const DECREMENT = `
local count = tonumber(redis.call('GET', KEYS[1]))
if count and count > 0 then redis.call('DECR', KEYS[1]) end
return 0`;

/** The Redis key of an attempt counter (under the client's prefix). */
export const attemptKey = (key: string) => `attempts:${key}`;

/**
 * Login and signup counters shared by every instance. When Redis fails a call, that call is counted in this
 * process instead: while Redis is down each instance enforces the budgets on its own (N instances let up to N
 * times the budget through), which beats refusing every login with a 5xx. A decrement that reaches Redis for an
 * attempt counted in-process only ever lowers a count, never below zero.
 */
export function createRedisAttemptStore(redis: RedisClient, options: { onError?: (err: unknown) => void } = {}): AttemptStore {
  const fallback = createMemoryAttemptStore();
  const onError = options.onError ?? (() => {});
  return {
    async increment(key, windowMs) {
      try {
        const [count, left] = (await redis.eval(INCREMENT, 1, attemptKey(key), windowMs)) as [number, number];
        return { count, resetInMs: left };
      } catch (err) {
        onError(err);
        return fallback.increment(key, windowMs);
      }
    },
    async decrement(key) {
      await fallback.decrement(key);
      try {
        await redis.eval(DECREMENT, 1, attemptKey(key));
      } catch (err) {
        onError(err);
      }
    },
  };
}
