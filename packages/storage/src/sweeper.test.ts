import { randomBytes } from 'node:crypto';
import { sql, type Db } from '@brandi/db';
import { createTestDb, type TestDb } from '@brandi/db/testing';
import { LedgerConflictError } from './errors.js';
import { markDoomed, markLive, recordPending } from './ledger.js';
import { sweep } from './sweeper.js';
import { captureLogger, failingDeletes, readLedger, startTestS3, type RunningS3 } from './testing/index.js';

/** A fresh key under `dir/` (the store takes any key; product key naming lives in @brandi/images). */
const randomKey = (dir: number) => `objects/${dir}/${randomBytes(16).toString('base64url')}.jpg`;

let t: TestDb;
let db: Db;
let s3: RunningS3;

beforeAll(async () => {
  t = await createTestDb();
  db = t.db;
  s3 = await startTestS3();
});
afterAll(async () => {
  await s3.close();
  await t.destroy();
});
beforeEach(async () => {
  await s3.store.deleteMany(await s3.listKeys());
  await sql`TRUNCATE TABLE storage_objects`.execute(db);
});

const GRACE = 3600;
const afterGrace = () => new Date(Date.now() + (GRACE + 60) * 1000);
const sorted = (keys: readonly string[]) => [...keys].sort();
const deps = (logger = captureLogger()) => ({ db, store: s3.store, logger });
const statesOf = async () => Object.fromEntries((await readLedger(db)).map((r) => [r.key, r.state]));

/** What a request leaves behind when its process dies between the upload and the commit. */
async function crashAfterUpload(n: number): Promise<string[]> {
  const keys = Array.from({ length: n }, () => randomKey(3));
  await recordPending(db, keys);
  for (const key of keys) await s3.store.put(key, Buffer.from('jpeg'), 'image/jpeg');
  return keys;
}

async function liveObjects(n: number): Promise<string[]> {
  const keys = await crashAfterUpload(n);
  await db.transaction().execute((trx) => markLive(trx, keys));
  return keys;
}

test('a crashed request: its objects survive a sweep within the grace period and go after it', async () => {
  const keys = await crashAfterUpload(2);

  expect(await sweep(deps(), { graceSeconds: GRACE })).toEqual({ deleted: [], failed: [] });
  expect(sorted(await s3.listKeys())).toEqual(sorted(keys));
  expect(Object.values(await statesOf())).toEqual(['pending', 'pending']);

  const result = await sweep(deps(), { graceSeconds: GRACE, now: afterGrace() });
  expect(sorted(result.deleted)).toEqual(sorted(keys));
  expect(await s3.listKeys()).toEqual([]);
  expect(Object.values(await statesOf())).toEqual(['deleted', 'deleted']);
});

test('live objects are never swept; doomed ones are swept at once', async () => {
  const live = await liveObjects(2);
  const doomed = await liveObjects(1);
  await db.transaction().execute((trx) => markDoomed(trx, doomed));

  const result = await sweep(deps(), { graceSeconds: GRACE, now: afterGrace() });
  expect(result).toEqual({ deleted: doomed, failed: [] });
  expect(sorted(await s3.listKeys())).toEqual(sorted(live));
});

test('a sweep claim makes a later markLive of the same key fail', async () => {
  const [key] = await crashAfterUpload(1);
  await sweep(deps(), { graceSeconds: 0, now: afterGrace() });
  await expect(db.transaction().execute((trx) => markLive(trx, [key]))).rejects.toBeInstanceOf(LedgerConflictError);
});

test('a row a request is turning live is skipped, not swept, and stays live after the commit', async () => {
  const [key] = await crashAfterUpload(1);
  await db.transaction().execute(async (trx) => {
    await markLive(trx, [key]);
    // Another connection sweeps while this transaction holds the row.
    expect(await sweep(deps(), { graceSeconds: 0, now: afterGrace() })).toEqual({ deleted: [], failed: [] });
  });
  expect(await statesOf()).toEqual({ [key]: 'live' });
  expect(await s3.listKeys()).toEqual([key]);
});

test('rows a dead sweeper left claimed are taken over once they are older than the grace period', async () => {
  const keys = await crashAfterUpload(2);
  await db.updateTable('storage_objects').set({ state: 'sweeping' }).where('object_key', 'in', keys).execute();

  expect(await sweep(deps(), { graceSeconds: GRACE })).toEqual({ deleted: [], failed: [] });
  const result = await sweep(deps(), { graceSeconds: GRACE, now: afterGrace() });
  expect(sorted(result.deleted)).toEqual(sorted(keys));
  expect(await s3.listKeys()).toEqual([]);
});

test('failed deletes are reported, recorded and retried by the next sweep', async () => {
  const keys = await crashAfterUpload(3);
  const logger = captureLogger();
  const fault = failingDeletes(s3.store);
  try {
    const result = await sweep(deps(logger), { graceSeconds: GRACE, now: afterGrace() });
    expect(result.deleted).toEqual([]);
    expect(sorted(result.failed)).toEqual(sorted(keys));
  } finally {
    fault.restore();
  }
  expect(logger.errors()).toHaveLength(1);
  expect(sorted(logger.errors()[0].obj.keys as string[])).toEqual(sorted(keys));
  for (const row of await readLedger(db)) {
    expect(row).toMatchObject({ state: 'doomed', lastError: expect.stringMatching(/Injected fault/) });
  }
  expect(await s3.listKeys()).toHaveLength(3);

  const retry = await sweep(deps(), { graceSeconds: GRACE });
  expect(sorted(retry.deleted)).toEqual(sorted(keys));
  expect(await s3.listKeys()).toEqual([]);
  expect((await readLedger(db)).map((r) => [r.state, r.lastError])).toEqual(Array(3).fill(['deleted', null]));
});

test('a sweep works through more rows than one batch', async () => {
  const keys = await crashAfterUpload(5);
  const result = await sweep(deps(), { graceSeconds: 0, now: afterGrace(), batchSize: 2 });
  expect(sorted(result.deleted)).toEqual(sorted(keys));
  expect(await s3.listKeys()).toEqual([]);
});
