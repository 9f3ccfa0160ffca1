import type { CachedRead } from '@brandi/http';
import { createReadCache } from './read-cache.js';

const read = (name: string, scopes: string[] = [`s:${name}`]): CachedRead => ({ name, scopes });

test('a disabled cache always loads', async () => {
  const cache = createReadCache({ ttlMs: 0 });
  let loads = 0;
  await cache.remember(read('k'), async () => ++loads);
  await cache.remember(read('k'), async () => ++loads);
  expect(loads).toBe(2);
});

test('entries expire after the TTL, invalidate drops them at once, failures are not cached', async () => {
  let now = 1000;
  const cache = createReadCache({ ttlMs: 500, clock: () => now });
  let loads = 0;
  const load = async () => ++loads;
  expect(await cache.remember(read('k'), load)).toBe(1);
  expect(await cache.remember(read('k'), load)).toBe(1);
  now += 501;
  expect(await cache.remember(read('k'), load)).toBe(2);
  await cache.invalidate(['s:other']);
  expect(await cache.remember(read('k'), load)).toBe(2);
  await cache.invalidate(['s:k']);
  expect(await cache.remember(read('k'), load)).toBe(3);
  await expect(cache.remember(read('bad'), async () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
  expect(await cache.remember(read('bad'), async () => 'ok')).toBe('ok');
});

test('concurrent misses share one load and the oldest entry goes when full', async () => {
  const cache = createReadCache({ ttlMs: 1000, maxEntries: 2 });
  let loads = 0;
  const slow = () => new Promise<number>((resolve) => setTimeout(() => resolve(++loads), 10));
  const [a, b] = await Promise.all([cache.remember(read('k'), slow), cache.remember(read('k'), slow)]);
  expect([a, b, loads]).toEqual([1, 1, 1]);
  await cache.remember(read('x'), slow);
  await cache.remember(read('y'), slow);
  expect(cache.stats().size).toBe(2);
  expect(await cache.remember(read('k'), slow)).toBe(4);
});
