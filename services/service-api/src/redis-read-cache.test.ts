import { startTcpProxy } from '@brandi/db/testing';
import { catalogChanges, catalogReads, connectRedis, createRedisClient, generationKey, type RedisClient } from '@brandi/http';
import { downRedis, startTestRedis, type TestRedis } from '@brandi/http/testing';
import { createRedisReadCache } from './redis-read-cache.js';

let redis: TestRedis;
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(() => redis.close());

function recordingLog() {
  const warnings: string[] = [];
  return { warnings, log: { warn: (_obj: object, msg: string) => warnings.push(msg) } };
}

const cacheOn = async (client?: RedisClient) =>
  createRedisReadCache({ redis: client ?? (await redis.client()), ttlMs: 60_000, log: recordingLog().log });

test('instances share entries; a write bumps the scope and every instance reloads on its next read', async () => {
  const [a, b] = [await cacheOn(), await cacheOn()];
  let version = 1;
  const load = async () => ({ name: `v${version}`, at: new Date('2026-01-02T03:04:05Z') });
  const page = catalogReads.productPage(41);
  expect(await a.remember(page, load)).toEqual({ name: 'v1', at: new Date('2026-01-02T03:04:05Z') });
  version = 2;
  // B reads what A stored (Dates intact), without loading.
  const fromB = await b.remember(page, load);
  expect(fromB).toEqual({ name: 'v1', at: new Date('2026-01-02T03:04:05Z') });
  expect(fromB.at).toBeInstanceOf(Date);
  expect(b.stats().hits).toBe(1);
  // The back office's write (any client on the same Redis) invalidates it for both.
  await b.invalidate(catalogChanges.product(41, [{ mainCategoryId: 1, firstCategoryId: 2, secondCategoryId: 3 }]));
  expect(await a.remember(page, load)).toMatchObject({ name: 'v2' });
  expect(await b.remember(page, load)).toMatchObject({ name: 'v2' });
});

test('a product change drops the feeds of its categories before and after, and leaves other categories cached', async () => {
  const cache = await cacheOn();
  let loads = 0;
  const load = async () => ++loads;
  const feeds = {
    all: catalogReads.feedFirstPage('newest', 60, {}),
    oldSecond: catalogReads.feedFirstPage('newest', 60, { secondCategoryId: 30 }),
    newFirst: catalogReads.feedFirstPage('newest', 60, { mainCategoryId: 1, firstCategoryId: 21 }),
    other: catalogReads.feedFirstPage('newest', 60, { secondCategoryId: 99 }),
  };
  const before: Record<string, number> = {};
  for (const [name, read] of Object.entries(feeds)) before[name] = await cache.remember(read, load);
  await cache.invalidate(
    catalogChanges.product(5, [
      { mainCategoryId: 1, firstCategoryId: 20, secondCategoryId: 30 },
      { mainCategoryId: 1, firstCategoryId: 21, secondCategoryId: 31 },
    ]),
  );
  const after: Record<string, number> = {};
  for (const [name, read] of Object.entries(feeds)) after[name] = await cache.remember(read, load);
  expect(after.other).toBe(before.other);
  for (const name of ['all', 'oldSecond', 'newFirst']) expect(after[name]).not.toBe(before[name]);
  // A seller or category change drops everything.
  await cache.invalidate(catalogChanges.everything());
  expect(await cache.remember(feeds.other, load)).not.toBe(before.other);
});

test('concurrent misses share one load; a load that began before a write cannot store its stale value for later reads', async () => {
  const cache = await cacheOn();
  const read = catalogReads.categoryTree();
  let loads = 0;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const slow = async () => {
    const n = ++loads;
    await gate;
    return n;
  };
  const first = [cache.remember(read, slow), cache.remember(read, slow)];
  await new Promise((r) => setTimeout(r, 20));
  await cache.invalidate(catalogChanges.everything());
  // Arrives after the write: does not join the old load.
  const later = cache.remember(read, slow);
  release();
  expect(await Promise.all(first)).toEqual([1, 1]);
  expect(await later).toBe(2);
  expect(await cache.remember(read, slow)).toBe(2);
});

test('Redis down: reads come from the loader, identical ones share a load, one warning, no error', async () => {
  const down = downRedis();
  const { warnings, log } = recordingLog();
  const cache = createRedisReadCache({ redis: down, ttlMs: 60_000, log });
  let loads = 0;
  const load = async () => {
    await new Promise((r) => setTimeout(r, 10));
    return ++loads;
  };
  const started = Date.now();
  expect(await Promise.all([cache.remember(catalogReads.productPage(1), load), cache.remember(catalogReads.productPage(1), load)])).toEqual(
    [1, 1],
  );
  expect(await cache.remember(catalogReads.productPage(1), load)).toBe(2);
  await cache.invalidate(catalogChanges.productPage(1));
  expect(Date.now() - started).toBeLessThan(500);
  expect(warnings).toEqual(['Redis unavailable: shopper reads go to MySQL until it answers']);
});

test('a Redis that stops answering mid-connection costs a read about the command timeout, then MySQL answers', async () => {
  // A TCP proxy to the test Redis that can freeze: the client stays connected, its commands get no reply.
  const proxy = await startTcpProxy({ host: '127.0.0.1', port: 6379 });
  const hung = createRedisClient({ url: `redis://127.0.0.1:${proxy.port}`, keyPrefix: redis.prefix });
  await connectRedis(hung);
  const cache = createRedisReadCache({ redis: hung, ttlMs: 60_000, log: recordingLog().log });
  try {
    expect(await cache.remember(catalogReads.productPage(2), async () => 'first')).toBe('first');
    expect(await cache.remember(catalogReads.productPage(2), async () => 'not loaded')).toBe('first');
    proxy.freeze();
    const started = Date.now();
    expect(await cache.remember(catalogReads.productPage(2), async () => 'from the database')).toBe('from the database');
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(200);
    expect(took).toBeLessThan(1000);
  } finally {
    hung.disconnect();
    await proxy.close();
  }
});

test('a generation token that expires or is evicted never brings back an entry stored under an older one', async () => {
  const client = await redis.client();
  const cache = await cacheOn(client);
  let loads = 0;
  const load = async () => ++loads;
  const page = catalogReads.productPage(77);
  expect(await cache.remember(page, load)).toBe(1);
  expect(await cache.remember(page, load)).toBe(1);
  await client.del(generationKey('p:77'));
  expect(await cache.remember(page, load)).toBe(2);
  expect(await cache.remember(page, load)).toBe(2);
});

test('values that cannot round-trip are served but never stored', async () => {
  const client = await redis.client();
  const cache = await cacheOn(client);
  let loads = 0;
  const load = async () => ({ blob: Buffer.from([++loads]) });
  await cache.remember(catalogReads.productPage(3), load);
  await cache.remember(catalogReads.productPage(3), load);
  expect(loads).toBe(2);
  expect((await redis.keys()).filter((key) => key.includes('read:product:3@'))).toEqual([]);
});
