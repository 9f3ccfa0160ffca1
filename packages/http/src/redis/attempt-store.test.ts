import { AppError } from '../errors.js';
import { createLoginThrottle } from '../login-rate-limit.js';
import { downRedis, startTestRedis, type TestRedis } from '../testing/redis.js';
import { attemptKey, createRedisAttemptStore } from './attempt-store.js';

let redis: TestRedis;
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(() => redis.close());

const limits = {
  perAccount: { max: 3, windowMs: 60_000 },
  perClient: { max: 100, windowMs: 60_000 },
  signupsPerClient: { max: 2, windowMs: 60_000 },
};

const statusOf = (attempt: Promise<unknown>) =>
  attempt.then(
    () => 'ok' as const,
    (err: unknown) => (err instanceof AppError ? err.statusCode : Promise.reject(err)),
  );

test('two instances spend one budget: the fourth failure anywhere is 429 with the time left', async () => {
  const [a, b] = [createRedisAttemptStore(await redis.client()), createRedisAttemptStore(await redis.client())];
  const [throttleA, throttleB] = [createLoginThrottle(a, limits), createLoginThrottle(b, limits)];
  await throttleA.begin('10.0.0.1', 'seller:1');
  await throttleB.begin('10.0.0.2', 'seller:1');
  await throttleA.begin('10.0.0.3', 'seller:1');
  const err = await throttleB.begin('10.0.0.4', 'seller:1').catch((e: AppError) => e);
  expect((err as AppError).statusCode).toBe(429);
  const retryAfter = Number((err as AppError).headers['retry-after']);
  expect(retryAfter).toBeGreaterThan(55);
  expect(retryAfter).toBeLessThanOrEqual(60);
});

test('increments are atomic under concurrency and the window has an expiry', async () => {
  const stores = [createRedisAttemptStore(await redis.client()), createRedisAttemptStore(await redis.client())];
  const results = await Promise.all(Array.from({ length: 40 }, (_, i) => stores[i % 2].increment('burst', 5_000)));
  expect(results.map((r) => r.count).sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  for (const { resetInMs } of results) expect(resetInMs).toBeGreaterThan(4_000);
  const client = await redis.client();
  const ttl = await client.pttl(attemptKey('burst'));
  expect(ttl).toBeGreaterThan(4_000);
  expect(ttl).toBeLessThanOrEqual(5_000);
});

test('a success gives its attempt back, never below zero and never on a closed window', async () => {
  const client = await redis.client();
  const store = createRedisAttemptStore(client);
  await store.increment('give-back', 60_000);
  await store.decrement('give-back');
  await store.decrement('give-back');
  expect(await client.get(attemptKey('give-back'))).toBe('0');
  await store.decrement('never-opened');
  expect(await client.exists(attemptKey('never-opened'))).toBe(0);
  expect((await store.increment('give-back', 60_000)).count).toBe(1);
});

test('Redis down: each call is counted in this process (the budget still holds per instance), never an error', async () => {
  const errors: unknown[] = [];
  const down = downRedis();
  const throttle = createLoginThrottle(createRedisAttemptStore(down, { onError: (err) => errors.push(err) }), limits);
  for (let i = 0; i < 3; i++) expect(await statusOf(throttle.begin('10.0.0.9', 'seller:9'))).toBe('ok');
  expect(await statusOf(throttle.begin('10.0.0.9', 'seller:9'))).toBe(429);
  expect(errors.length).toBeGreaterThan(0);
});

test('a client that loses its connection falls back at once instead of waiting for a reconnect', async () => {
  const client = await redis.client();
  const store = createRedisAttemptStore(client);
  expect((await store.increment('cut', 60_000)).count).toBe(1);
  client.disconnect();
  const started = Date.now();
  expect((await store.increment('cut', 60_000)).count).toBe(1);
  expect(Date.now() - started).toBeLessThan(200);
});
