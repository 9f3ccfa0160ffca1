import { createTestDb, type TestDb } from '@brandi/db/testing';
import pino from 'pino';
import { startPriceRefresher } from '../src/price-refresher.js';
import { createProduct, createSeller } from '@brandi/db/testing';

let testDb: TestDb;

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
beforeAll(async () => {
  testDb = await createTestDb();
});
afterAll(() => testDb.destroy());

test('the refresher brings a product whose sale began after its last write up to date, at start and on its interval', async () => {
  const { db } = testDb;
  const start = new Date(Date.UTC(2026, 5, 1));
  const productId = await createProduct(
    db,
    await createSeller(db),
    {
      price: 10000,
      discountRate: 30,
      discountStartsAt: new Date(start.getTime() + 60_000),
      discountEndsAt: new Date(start.getTime() + 120_000),
    },
    start,
  );
  const read = () =>
    db.selectFrom('products').select(['effective_price', 'effective_discount_rate']).where('id', '=', productId).executeTakeFirstOrThrow();
  expect(await read()).toEqual({ effective_price: 10000, effective_discount_rate: 0 });

  let now = new Date(start.getTime() + 90_000);
  const refresher = startPriceRefresher(db, pino({ level: 'silent' }), 50, () => now);
  await waitFor(read, { effective_price: 7000, effective_discount_rate: 30 });

  now = new Date(start.getTime() + 180_000);
  await waitFor(read, { effective_price: 10000, effective_discount_rate: 0 });
  await refresher.stop();
});
