import { randomBytes } from 'node:crypto';
import { createDb, JOB_LOCKS, sql, type Db } from '@brandi/db';
import { createTestDb, holdJobLock, truncateAll, type TestDb } from '@brandi/db/testing';
import { createLogCapture } from '@brandi/http/testing';
import { createObjectStore, recordPending, type ObjectStore } from '@brandi/storage';
import { readLedger, startTestS3, type RunningS3 } from '@brandi/storage/testing';
import pino from 'pino';
import { startBackofficeJobs } from '../src/jobs/background.js';
import { createItemsInStatuses } from './orders.fixtures.js';
import { createProduct, createSeller, createShopper } from './sellers.fixtures.js';

// Every back-office instance runs the sweeper and the auto-confirmation on its own schedule; the work must be
// done once. Each instance here is its own pool and S3 client on the one database and bucket.

const DAY = 24 * 3600 * 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let t: TestDb;
let s3: RunningS3;
/** Every key any instance asked S3 to delete, in order. */
let deletes: string[];
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  t = await createTestDb();
  s3 = await startTestS3();
});
afterAll(async () => {
  await s3.close();
  await t.destroy();
});
beforeEach(async () => {
  await truncateAll(t.db);
  deletes = [];
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** One back-office instance's background jobs, ticking every 30 ms. */
function startInstance(db: Db) {
  const store: ObjectStore = createObjectStore(s3.config);
  const deleteMany = store.deleteMany.bind(store);
  store.deleteMany = async (keys) => {
    deletes.push(...keys);
    await deleteMany(keys);
  };
  const capture = createLogCapture();
  const log = pino({ level: 'debug' }, capture.stream);
  const jobs = startBackofficeJobs(
    { db, store, log, config: { SWEEP_GRACE_SECONDS: 0, ORDER_AUTO_CONFIRM_DAYS: 7 } },
    { sweepMs: 30, autoConfirmMs: 30 },
  );
  cleanups.push(async () => {
    await jobs.stop();
    store.destroy();
  });
  return { lines: () => capture.lines() as { level: number; job?: string; confirmed?: number }[] };
}

function secondPool(): Db {
  const db = createDb({ url: t.url, poolSize: 3 });
  cleanups.push(() => db.destroy());
  return db;
}

/** `n` uploads whose request crashed before its commit: pending in the ledger, present in the bucket. */
async function orphanUploads(n: number): Promise<string[]> {
  const keys = Array.from({ length: n }, () => `products/9/${randomBytes(12).toString('base64url')}.jpg`);
  await recordPending(t.db, keys);
  for (const key of keys) await s3.store.put(key, Buffer.from('jpeg'), 'image/jpeg');
  return keys.sort();
}

/** `n` items delivered 8 days ago (past the 7-day auto-confirmation). */
async function longDelivered(n: number): Promise<number[]> {
  const seller = await createSeller(t.db);
  return createItemsInStatuses(t.db, {
    shopperId: await createShopper(t.db),
    sellerId: seller,
    productId: await createProduct(t.db, seller),
    statuses: Array.from({ length: n }, () => 'delivered' as const),
    placedAt: new Date(Date.now() - 10 * DAY),
    statusChangedAt: new Date(Date.now() - 8 * DAY),
  });
}

/** Per item: its status and how many `confirmed` history lines by the system it has. */
async function confirmations(ids: number[]): Promise<{ status: string; lines: number }[]> {
  const { rows } = await sql<{ status: string; history_lines: number }>`SELECT i.status,
      (SELECT COUNT(*) FROM order_item_history h WHERE h.order_item_id = i.id AND h.status = 'confirmed' AND h.actor_kind = 'system') AS history_lines
    FROM order_items i WHERE i.id IN (${sql.join(ids)}) ORDER BY i.id`.execute(t.db);
  return rows.map((r) => ({ status: r.status, lines: Number(r.history_lines) }));
}

async function until(done: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error('the jobs did not finish the work in time');
    await sleep(25);
  }
}
const allSwept = async () => (await readLedger(t.db)).every((row) => row.state === 'deleted');
const allConfirmed = async (ids: number[]) => (await confirmations(ids)).every((c) => c.status === 'confirmed');

test('two instances delete each orphaned upload once and confirm each delivered item once', async () => {
  const keys = await orphanUploads(30);
  const items = await longDelivered(30);
  const instances = [startInstance(t.db), startInstance(secondPool())];
  await until(async () => (await allSwept()) && (await allConfirmed(items)));
  await sleep(150); // several more ticks on both: nothing is left to do twice
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();

  expect([...deletes].sort()).toEqual(keys);
  expect(await s3.store.listKeys('products/9/')).toEqual([]);
  expect(await confirmations(items)).toEqual(Array(30).fill({ status: 'confirmed', lines: 1 }));
  const confirmedLogged = instances.flatMap((i) => i.lines()).reduce((sum, line) => sum + (line.confirmed ?? 0), 0);
  expect(confirmedLogged).toBe(30);
  expect(instances.flatMap((i) => i.lines()).filter((line) => line.level >= 40)).toEqual([]);
}, 60_000);

test('while a crashed instance holds the locks nothing is done; once its connections are gone another instance does it', async () => {
  const keys = await orphanUploads(5);
  const items = await longDelivered(5);
  const held = [await holdJobLock(t.url, JOB_LOCKS.storageSweep), await holdJobLock(t.url, JOB_LOCKS.ordersAutoConfirm)];
  cleanups.push(async () => void (await Promise.allSettled(held.map((h) => h.crash()))));
  const instance = startInstance(t.db);

  await sleep(400);
  expect(deletes).toEqual([]);
  expect((await readLedger(t.db)).map((row) => row.state)).toEqual(Array(5).fill('pending'));
  expect(await confirmations(items)).toEqual(Array(5).fill({ status: 'delivered', lines: 0 }));
  const skipped = instance.lines().map((line) => line.job);
  for (const job of ['storage-sweep', 'orders-auto-confirm']) expect(skipped.filter((j) => j === job).length).toBeGreaterThanOrEqual(3);

  for (const h of held) await h.crash();
  await until(async () => (await allSwept()) && (await allConfirmed(items)));
  expect([...deletes].sort()).toEqual(keys);
  expect(await confirmations(items)).toEqual(Array(5).fill({ status: 'confirmed', lines: 1 }));
}, 60_000);
