import { createReadCache } from './read-cache.js';

test('a disabled cache always loads', async () => {
  const cache = createReadCache({ ttlMs: 0 });
  let loads = 0;
  await cache.remember('k', async () => ++loads);
  await cache.remember('k', async () => ++loads);
  expect(loads).toBe(2);
});

test('entries expire after the TTL, invalidate drops them at once, failures are not cached', async () => {
  let now = 1000;
  const cache = createReadCache({ ttlMs: 500, clock: () => now });
  let loads = 0;
  const load = async () => ++loads;
  expect(await cache.remember('k', load)).toBe(1);
  expect(await cache.remember('k', load)).toBe(1);
  now += 501;
  expect(await cache.remember('k', load)).toBe(2);
  cache.invalidate('k');
  expect(await cache.remember('k', load)).toBe(3);
  await expect(cache.remember('bad', async () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
  expect(await cache.remember('bad', async () => 'ok')).toBe('ok');
});

test('concurrent misses share one load and the oldest entry goes when full', async () => {
  const cache = createReadCache({ ttlMs: 1000, maxEntries: 2 });
  let loads = 0;
  const slow = () => new Promise<number>((resolve) => setTimeout(() => resolve(++loads), 10));
  const [a, b] = await Promise.all([cache.remember('k', slow), cache.remember('k', slow)]);
  expect([a, b, loads]).toEqual([1, 1, 1]);
  await cache.remember('x', slow);
  await cache.remember('y', slow);
  expect(cache.stats().size).toBe(2);
  expect(await cache.remember('k', slow)).toBe(4);
});
