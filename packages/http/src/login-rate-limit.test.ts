import { AppError } from './errors.js';
import { accountAttemptKey, createLoginThrottle, createMemoryAttemptStore } from './login-rate-limit.js';

const limits = {
  perAccount: { max: 3, windowMs: 60_000 },
  perClient: { max: 5, windowMs: 60_000 },
  signupsPerClient: { max: 2, windowMs: 60_000 },
};

async function statusOf(promise: Promise<unknown>): Promise<number | 'ok'> {
  try {
    await promise;
    return 'ok';
  } catch (err) {
    if (err instanceof AppError) return err.statusCode;
    throw err;
  }
}

test('a window opens at the first attempt and closes after windowMs; Retry-After is the time left', async () => {
  let now = 1_000_000;
  const throttle = createLoginThrottle(createMemoryAttemptStore({ now: () => now }), limits);
  for (let i = 0; i < 3; i++) await throttle.begin('1.1.1.1', 'seller:1');
  now += 20_000;
  const err = await throttle.begin('1.1.1.2', 'seller:1').catch((e: AppError) => e);
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).statusCode).toBe(429);
  expect((err as AppError).headers['retry-after']).toBe('40');
  now += 40_000;
  expect(await statusOf(throttle.begin('1.1.1.2', 'seller:1'))).toBe('ok');
});

test('successes give their attempt back; the client budget spans ids', async () => {
  const throttle = createLoginThrottle(createMemoryAttemptStore(), limits);
  for (let i = 0; i < 10; i++) await (await throttle.begin('2.2.2.2', 'seller:2')).succeeded();
  for (let i = 0; i < 5; i++) await throttle.begin('3.3.3.3', `seller:${10 + i}`);
  expect(await statusOf(throttle.begin('3.3.3.3', 'seller:99'))).toBe(429);
  expect(await statusOf(throttle.begin('3.3.3.4', 'seller:99'))).toBe('ok');
});

test('signups count every attempt per client', async () => {
  const throttle = createLoginThrottle(createMemoryAttemptStore(), limits);
  await throttle.spendSignup('4.4.4.4');
  await throttle.spendSignup('4.4.4.4');
  expect(await statusOf(throttle.spendSignup('4.4.4.4'))).toBe(429);
  expect(await statusOf(throttle.spendSignup('4.4.4.5'))).toBe('ok');
});

test('the in-process store stays bounded under a flood of keys', async () => {
  const store = createMemoryAttemptStore({ maxKeys: 100 });
  for (let i = 0; i < 1000; i++) await store.increment(`k${i}`, 60_000);
  // The newest keys survive; the oldest were dropped to stay within bounds.
  expect((await store.increment('k999', 60_000)).count).toBe(2);
  expect((await store.increment('k0', 60_000)).count).toBe(1);
});

test('a known account is keyed by id whatever spelling found it; unknown ids by the typed text', () => {
  expect(accountAttemptKey('seller', { id: 7 }, 'ｓｅｃｔｅｓｔ_ａ')).toBe(accountAttemptKey('seller', { id: 7 }, 'sectest_a'));
  expect(accountAttemptKey('seller', undefined, 'sectest_a ')).not.toBe(accountAttemptKey('seller', undefined, 'sectest_a'));
});
