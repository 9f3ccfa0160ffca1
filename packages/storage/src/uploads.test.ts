import { randomBytes } from 'node:crypto';
import { isDuplicateEntry, sql, type Db } from '@brandi/db';
import { createTestDb, type TestDb } from '@brandi/db/testing';
import { isStorageUnavailable, LedgerConflictError } from './errors.js';
import { recordPending } from './ledger.js';
import { sweep } from './sweeper.js';
import { captureLogger, failingDeletes, failingPuts, readLedger, startTestS3, type RunningS3 } from './testing/index.js';
import { deleteAfterCommit, doom, withUploads, type UploadFile } from './uploads.js';

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

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]);
const HOUR_LATER = () => new Date(Date.now() + 2 * 3600 * 1000);

function files(n: number, sellerId = 7): UploadFile[] {
  return Array.from({ length: n }, () => ({ key: randomKey(sellerId), body: JPEG, contentType: 'image/jpeg' }));
}

function deps(logger = captureLogger(), concurrency?: number) {
  return { db, store: s3.store, logger, concurrency };
}

async function insertSeller(executor: Db, loginId: string, imageKey: string | null = null): Promise<number> {
  const r = await executor
    .insertInto('sellers')
    .values({
      login_id: loginId,
      password_hash: 'x',
      role: 'seller',
      status: 'active',
      attribute_id: 1,
      name_ko: loginId,
      name_en: loginId,
      image_url: imageKey,
    })
    .executeTakeFirstOrThrow();
  return Number(r.insertId);
}

async function sellerCount(loginId: string): Promise<number> {
  const rows = await db.selectFrom('sellers').select('id').where('login_id', '=', loginId).execute();
  return rows.length;
}

const sorted = (keys: readonly string[]) => [...keys].sort();
const statesOf = async () => Object.fromEntries((await readLedger(db)).map((r) => [r.key, r.state]));

test('uploads, then commits: the objects are in the bucket and their ledger rows are live', async () => {
  const input = files(3);
  const id = await withUploads(deps(), input, (trx, keys) => insertSeller(trx, 'commit_ok', keys[0]));

  expect(sorted(await s3.listKeys())).toEqual(sorted(input.map((f) => f.key)));
  expect(Object.values(await statesOf())).toEqual(['live', 'live', 'live']);
  const row = await db.selectFrom('sellers').select('image_url').where('id', '=', id).executeTakeFirstOrThrow();
  expect(row.image_url).toBe(input[0].key);
});

test('work that throws after the uploads: nothing is left in the bucket and the original error is rethrown', async () => {
  const input = files(3);
  const failure = new Error('validation failed late');
  await expect(
    withUploads(deps(), input, async (trx) => {
      await insertSeller(trx, 'work_throws');
      throw failure;
    }),
  ).rejects.toBe(failure);

  expect(await s3.listKeys()).toEqual([]);
  expect(Object.values(await statesOf())).toEqual(['deleted', 'deleted', 'deleted']);
  expect(await sellerCount('work_throws')).toBe(0);
});

test('a real SQL error in the transaction: uploads are undone and the driver error is rethrown', async () => {
  await insertSeller(db, 'dup_seller');
  const err = await withUploads(deps(), files(2), (trx) => insertSeller(trx, 'dup_seller')).catch((e: unknown) => e);

  expect(isDuplicateEntry(err)).toBe(true);
  expect(await s3.listKeys()).toEqual([]);
  expect(Object.values(await statesOf())).toEqual(['deleted', 'deleted']);
});

test('S3 failing on the 3rd of 5 puts (one at a time): the first two are deleted and the work never runs', async () => {
  const fault = failingPuts(s3.store, { failOnCall: 3 });
  let workRuns = 0;
  const work = (trx: Db) => {
    workRuns += 1;
    return insertSeller(trx, 'put_fails_serial');
  };
  try {
    const err = await withUploads(deps(captureLogger(), 1), files(5), work).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/Injected fault: PutObjectCommand call 3/);
    expect(isStorageUnavailable(err)).toBe(true);
    expect(fault.calls).toBe(3);
  } finally {
    fault.restore();
  }
  expect(workRuns).toBe(0);
  expect(await s3.listKeys()).toEqual([]);
  expect(Object.values(await statesOf())).toEqual(Array(5).fill('deleted'));
  expect(await sellerCount('put_fails_serial')).toBe(0);
});

test('S3 failing on the 3rd of 5 puts with the default parallelism: no new put starts and nothing is left', async () => {
  const fault = failingPuts(s3.store, { failOnCall: 3 });
  let workRuns = 0;
  const work = (trx: Db) => {
    workRuns += 1;
    return insertSeller(trx, 'put_fails_parallel');
  };
  try {
    await expect(withUploads(deps(), files(5), work)).rejects.toThrow(/Injected fault/);
    expect(fault.calls).toBeGreaterThanOrEqual(3);
    expect(fault.calls).toBeLessThan(5);
  } finally {
    fault.restore();
  }
  expect(workRuns).toBe(0);
  expect(await s3.listKeys()).toEqual([]);
  expect(Object.values(await statesOf())).toEqual(Array(5).fill('deleted'));
});

test('a failed undo is logged with its keys, left pending, and the sweeper removes it after the grace period', async () => {
  const input = files(3);
  const keys = sorted(input.map((f) => f.key));
  const logger = captureLogger();
  const failure = new Error('db write failed');
  const fault = failingDeletes(s3.store);
  try {
    await expect(withUploads(deps(logger), input, () => Promise.reject(failure))).rejects.toBe(failure);
  } finally {
    fault.restore();
  }

  expect(sorted(await s3.listKeys())).toEqual(keys);
  const ledger = await readLedger(db);
  expect(ledger.map((r) => r.state)).toEqual(['pending', 'pending', 'pending']);
  for (const row of ledger) expect(row.lastError).toMatch(/Injected fault/);
  const [logged] = logger.errors();
  expect(sorted(logged.obj.keys as string[])).toEqual(keys);
  expect(logged.obj.err).toBeInstanceOf(Error);
  expect(logged.obj.cause).toBe('db write failed');

  const early = await sweep(deps(), { graceSeconds: 3600 });
  expect(early).toEqual({ deleted: [], failed: [] });
  expect(await s3.listKeys()).toHaveLength(3);

  const late = await sweep(deps(), { graceSeconds: 3600, now: HOUR_LATER() });
  expect(sorted(late.deleted)).toEqual(keys);
  expect(await s3.listKeys()).toEqual([]);
  expect(Object.values(await statesOf())).toEqual(['deleted', 'deleted', 'deleted']);
});

/** A seller whose image (one object) went live through withUploads. */
async function sellerWithImage(loginId: string): Promise<{ id: number; key: string }> {
  const [file] = files(1);
  const id = await withUploads(deps(), [file], (trx, keys) => insertSeller(trx, loginId, keys[0]));
  return { id, key: file.key };
}

function replaceImage(sellerId: number, oldKey: string, options: { failAfterDoom?: Error } = {}) {
  return async (trx: Db, keys: string[]) => {
    await trx.updateTable('sellers').set({ image_url: keys[0] }).where('id', '=', sellerId).execute();
    await doom(trx, [oldKey]);
    if (options.failAfterDoom) throw options.failAfterDoom;
    return { doomed: [oldKey] };
  };
}

test('doomed objects are deleted once the replacing transaction commits', async () => {
  const seller = await sellerWithImage('replace_ok');
  const [next] = files(1);
  await withUploads(deps(), [next], replaceImage(seller.id, seller.key), { doomed: (r) => r.doomed });

  expect(await s3.listKeys()).toEqual([next.key]);
  expect(await statesOf()).toEqual({ [seller.key]: 'deleted', [next.key]: 'live' });
});

test('a failed delete after the commit does not fail the request; the object stays doomed for the sweeper', async () => {
  const seller = await sellerWithImage('replace_delete_fails');
  const [next] = files(1);
  const logger = captureLogger();
  const fault = failingDeletes(s3.store);
  try {
    const result = await withUploads(deps(logger), [next], replaceImage(seller.id, seller.key), { doomed: (r) => r.doomed });
    expect(result).toEqual({ doomed: [seller.key] });
  } finally {
    fault.restore();
  }

  expect(sorted(await s3.listKeys())).toEqual(sorted([seller.key, next.key]));
  const old = (await readLedger(db)).find((r) => r.key === seller.key);
  expect(old).toMatchObject({ state: 'doomed', lastError: expect.stringMatching(/Injected fault/) });
  expect(logger.errors().map((l) => l.obj.keys)).toEqual([[seller.key]]);

  const swept = await sweep(deps(), { graceSeconds: 3600 });
  expect(swept).toEqual({ deleted: [seller.key], failed: [] });
  expect(await s3.listKeys()).toEqual([next.key]);
  expect(await statesOf()).toEqual({ [seller.key]: 'deleted', [next.key]: 'live' });
});

test('a transaction that fails after dooming never deletes the old object', async () => {
  const seller = await sellerWithImage('replace_commit_fails');
  const [next] = files(1);
  const failure = new Error('stale version');
  await expect(
    withUploads(deps(), [next], replaceImage(seller.id, seller.key, { failAfterDoom: failure }), { doomed: (r) => r.doomed }),
  ).rejects.toBe(failure);

  expect(await s3.listKeys()).toEqual([seller.key]);
  expect(await statesOf()).toEqual({ [seller.key]: 'live', [next.key]: 'deleted' });
  const row = await db.selectFrom('sellers').select('image_url').where('id', '=', seller.id).executeTakeFirstOrThrow();
  expect(row.image_url).toBe(seller.key);
  expect(await sweep(deps(), { graceSeconds: 0, now: HOUR_LATER() })).toEqual({ deleted: [], failed: [] });
  expect(await s3.listKeys()).toEqual([seller.key]);
});

test('deleteAfterCommit removes what a committed transaction doomed, and nothing that is not doomed', async () => {
  const removed = await sellerWithImage('remove_image');
  const kept = await sellerWithImage('keep_image');
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('sellers').set({ image_url: null }).where('id', '=', removed.id).execute();
    await doom(trx, [removed.key]);
  });
  await deleteAfterCommit(deps(), [removed.key, kept.key]);

  expect(await s3.listKeys()).toEqual([kept.key]);
  expect(await statesOf()).toEqual({ [removed.key]: 'deleted', [kept.key]: 'live' });
});

test('a key the sweeper claimed makes markLive throw and the transaction roll back', async () => {
  const input = files(2);
  const err = await withUploads(deps(), input, async (trx) => {
    await insertSeller(trx, 'outlived_grace');
    // The request took longer than the grace period: a sweep runs before it commits.
    const swept = await sweep(deps(), { graceSeconds: 3600, now: HOUR_LATER() });
    expect(sorted(swept.deleted)).toEqual(sorted(input.map((f) => f.key)));
  }).catch((e: unknown) => e);

  expect(err).toBeInstanceOf(LedgerConflictError);
  expect(sorted((err as LedgerConflictError).keys)).toEqual(sorted(input.map((f) => f.key)));
  expect(await sellerCount('outlived_grace')).toBe(0);
  expect(await s3.listKeys()).toEqual([]);
  expect(Object.values(await statesOf())).toEqual(['deleted', 'deleted']);
});

test('withUploads without files still runs the work in a transaction and handles doomed keys', async () => {
  const seller = await sellerWithImage('no_new_files');
  const result = await withUploads(
    deps(),
    [],
    async (trx, keys) => {
      expect(keys).toEqual([]);
      await trx.updateTable('sellers').set({ image_url: null }).where('id', '=', seller.id).execute();
      await doom(trx, [seller.key]);
      return [seller.key];
    },
    { doomed: (r) => r },
  );
  expect(result).toEqual([seller.key]);
  expect(await s3.listKeys()).toEqual([]);
});

test('recording the keys comes before any upload: a duplicate key uploads nothing', async () => {
  const [file] = files(1);
  await recordPending(db, [file.key]);
  const fault = failingPuts(s3.store);
  try {
    const err = await withUploads(deps(), [file], () => Promise.resolve(1)).catch((e: unknown) => e);
    expect(isDuplicateEntry(err)).toBe(true);
    expect(fault.calls).toBe(0);
  } finally {
    fault.restore();
  }
});
