import { createDb, type Db } from './client.js';
import { JOB_LOCKS, jobLockHolder, runExclusive } from './job-locks.js';
import { ensureDatabase } from './migrate.js';
import { createTestDb, holdJobLock, testDatabaseUrl, type TestDb } from './testing/index.js';

// The one mechanism behind "a job runs on one instance at a time": each pool here is one instance.

const lock = JOB_LOCKS.storageSweep;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let t: TestDb;
const opened: Db[] = [];
function instance(url = t.url): Db {
  const db = createDb({ url, poolSize: 3 });
  opened.push(db);
  return db;
}
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await Promise.all(opened.map((db) => db.destroy()));
  await t.destroy();
});

test('of two concurrent runs on two instances, exactly one runs the body; the lock is free after it', async () => {
  let bodies = 0;
  const body = async () => {
    bodies++;
    await sleep(200);
    return 'done';
  };
  const results = await Promise.all([runExclusive(instance(), lock, body), runExclusive(instance(), lock, body)]);
  expect(bodies).toBe(1);
  expect(results.map((r) => r.ran).sort()).toEqual([false, true]);
  expect(results.find((r) => r.ran)).toEqual({ ran: true, value: 'done' });
  expect(await jobLockHolder(t.db, lock)).toBeNull();
  expect(await runExclusive(t.db, lock, async () => 'again')).toEqual({ ran: true, value: 'again' });
});

test('a failed run throws its own error and frees the lock', async () => {
  await expect(
    runExclusive(t.db, lock, async () => {
      throw new Error('run failed');
    }),
  ).rejects.toThrow('run failed');
  expect(await jobLockHolder(t.db, lock)).toBeNull();
});

test('a crashed holder loses the lock with its connection; the next try takes over', async () => {
  const held = await holdJobLock(t.url, lock);
  expect(await jobLockHolder(t.db, lock)).toBe(held.connectionId);
  let ran = 0;
  expect(await runExclusive(instance(), lock, async () => ran++)).toEqual({ ran: false });
  await held.crash();
  expect(await runExclusive(instance(), lock, async () => ran++)).toEqual({ ran: true, value: 0 });
  expect(ran).toBe(1);
});

test('a caller that waits runs once the holder finishes; other locks and other databases are not held up', async () => {
  const held = await holdJobLock(t.url, lock);
  try {
    const waiting = runExclusive(instance(), lock, async () => 'waited', { waitSeconds: 20 });
    expect(await runExclusive(t.db, JOB_LOCKS.priceRefresh, async () => 'other job')).toEqual({ ran: true, value: 'other job' });
    const otherUrl = testDatabaseUrl('job_locks_other');
    await ensureDatabase(otherUrl);
    expect(await runExclusive(instance(otherUrl), lock, async () => 'other database')).toEqual({ ran: true, value: 'other database' });
    await sleep(300);
    await held.crash();
    expect(await waiting).toEqual({ ran: true, value: 'waited' });
  } finally {
    await held.crash().catch(() => undefined);
  }
});
