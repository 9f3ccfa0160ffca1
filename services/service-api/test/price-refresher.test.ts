import { createDb, JOB_LOCKS } from '@brandi/db';
import { createProduct, createSeller, createTestDb, holdJobLock, truncateAll, type TestDb } from '@brandi/db/testing';
import { createLogCapture } from '@brandi/http/testing';
import pino from 'pino';
import { startPriceRefresher } from '../src/price-refresher.js';

let testDb: TestDb;
const START = new Date(Date.UTC(2026, 5, 1));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `read` gives `expected` (the refresher runs on its own timer). */
async function waitFor<T>(read: () => Promise<T>, expected: T, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (JSON.stringify(last) !== JSON.stringify(expected) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    last = await read();
  }
  expect(last).toEqual(expected);
}

/** An instance's log (debug and up), kept for the assertions. */
function capturingLogger() {
  const capture = createLogCapture();
  const lines = () => capture.lines() as { level: number; changed?: number; job?: string }[];
  return {
    log: pino({ level: 'debug' }, capture.stream),
    lines,
    changedTotal: () => lines().reduce((sum, l) => sum + (l.changed ?? 0), 0),
  };
}

/** `n` products whose 30% sale opens a minute after START and closes a minute later. */
async function productsOnSaleSoon(n: number): Promise<number[]> {
  const seller = await createSeller(testDb.db);
  const window = {
    price: 10000,
    discountRate: 30,
    discountStartsAt: new Date(START.getTime() + 60_000),
    discountEndsAt: new Date(START.getTime() + 120_000),
  };
  return Promise.all(Array.from({ length: n }, () => createProduct(testDb.db, seller, window, START)));
}

const pricesOf = async (ids: number[]) =>
  (await testDb.db.selectFrom('products').select('effective_price').where('id', 'in', ids).execute()).map((r) => r.effective_price);

beforeAll(async () => {
  testDb = await createTestDb();
});
afterAll(() => testDb.destroy());
beforeEach(() => truncateAll(testDb.db));

test('the refresher brings a product whose sale began after its last write up to date, at start and on its interval', async () => {
  const { db } = testDb;
  const [productId] = await productsOnSaleSoon(1);
  const read = () =>
    db.selectFrom('products').select(['effective_price', 'effective_discount_rate']).where('id', '=', productId).executeTakeFirstOrThrow();
  expect(await read()).toEqual({ effective_price: 10000, effective_discount_rate: 0 });

  let now = new Date(START.getTime() + 90_000);
  const refresher = startPriceRefresher(db, pino({ level: 'silent' }), 60_000, () => now);
  await waitFor(read, { effective_price: 7000, effective_discount_rate: 30 }); // the run at start
  await refresher.stop();

  const again = startPriceRefresher(db, pino({ level: 'silent' }), 50, () => now);
  now = new Date(START.getTime() + 180_000);
  await waitFor(read, { effective_price: 10000, effective_discount_rate: 0 });
  await again.stop();
});

test('two instances started together change each stale row once in total', async () => {
  const ids = await productsOnSaleSoon(40);
  const second = createDb({ url: testDb.url, poolSize: 3 });
  const logs = [capturingLogger(), capturingLogger()];
  const now = () => new Date(START.getTime() + 90_000);
  const refreshers = [testDb.db, second].map((db, n) => startPriceRefresher(db, logs[n].log, 20, now));
  try {
    await waitFor(() => pricesOf(ids), Array(40).fill(7000));
    await sleep(200); // more ticks on both: nothing is left to change
  } finally {
    await Promise.all(refreshers.map((r) => r.stop()));
    await second.destroy();
  }
  expect(logs[0].changedTotal() + logs[1].changedTotal()).toBe(40);
  expect(logs.flatMap((l) => l.lines().filter((line) => line.level >= 40))).toEqual([]);
});

test('while a crashed instance holds the lock nothing is refreshed; once its connection is gone another instance takes over', async () => {
  const ids = await productsOnSaleSoon(5);
  const held = await holdJobLock(testDb.url, JOB_LOCKS.priceRefresh);
  const { log, lines } = capturingLogger();
  const refresher = startPriceRefresher(testDb.db, log, 30, () => new Date(START.getTime() + 90_000));
  try {
    await sleep(300);
    expect(await pricesOf(ids)).toEqual(Array(5).fill(10000));
    expect(lines().filter((l) => l.job === 'price-refresh').length).toBeGreaterThanOrEqual(3);
    await held.crash();
    await waitFor(() => pricesOf(ids), Array(5).fill(7000));
  } finally {
    await refresher.stop();
    await held.crash().catch(() => undefined);
  }
});
