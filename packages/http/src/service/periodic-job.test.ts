import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createDb, JOB_LOCKS, type Db } from '@brandi/db';
import { createTestDb, type TestDb } from '@brandi/db/testing';
import { startPeriodicJob } from './periodic-job.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('runs on its interval, never two runs at once, and goes on after a failed run', async () => {
  let active = 0;
  let most = 0;
  let runs = 0;
  const errors: unknown[] = [];
  const job = startPeriodicJob(
    async () => {
      runs++;
      active++;
      most = Math.max(most, active);
      await sleep(30); // longer than the interval: an overlapping schedule would start a second run
      active--;
      if (runs === 1) throw new Error('first run fails');
    },
    { intervalMs: 5, onError: (err) => errors.push(err) },
  );
  for (let i = 0; i < 100 && runs < 3; i++) await sleep(10);
  await job.stop();
  expect(runs).toBeGreaterThanOrEqual(3);
  expect(most).toBe(1);
  expect(errors).toEqual([new Error('first run fails')]);
});

test('stop() waits for the run in progress, and nothing runs after it', async () => {
  let finished = false;
  let runs = 0;
  const job = startPeriodicJob(
    async () => {
      runs++;
      await sleep(50);
      finished = true;
    },
    { intervalMs: 5, onError: () => undefined },
  );
  for (let i = 0; i < 100 && runs === 0; i++) await sleep(5);
  await job.stop();
  expect(finished).toBe(true);
  const after = runs;
  await sleep(40);
  expect(runs).toBe(after);
});

test('with runAtStart the first run does not wait for the interval', async () => {
  let runs = 0;
  const job = startPeriodicJob(async () => void runs++, { intervalMs: 60_000, runAtStart: true, onError: () => undefined });
  for (let i = 0; i < 100 && runs === 0; i++) await sleep(10);
  await job.stop();
  expect(runs).toBe(1);
});

describe('with a lock, on two instances (two pools on one database)', () => {
  let t: TestDb;
  let other: Db;
  beforeAll(async () => {
    t = await createTestDb();
    other = createDb({ url: t.url, poolSize: 3 });
  });
  afterAll(async () => {
    await other.destroy();
    await t.destroy();
  });

  test('runs never overlap across the instances; a tick that finds the lock taken is skipped and logged at debug', async () => {
    let active = 0;
    let most = 0;
    const runs = [0, 0];
    const skips: object[] = [];
    const errors: unknown[] = [];
    const jobs = [t.db, other].map((db, n) =>
      startPeriodicJob(
        async () => {
          runs[n]++;
          active++;
          most = Math.max(most, active);
          await sleep(40); // longer than the interval: the other instance ticks while this one runs
          active--;
        },
        {
          intervalMs: 5,
          runAtStart: true,
          onError: (err) => errors.push(err),
          lock: { db, name: JOB_LOCKS.priceRefresh, log: { debug: (obj) => void skips.push(obj) } },
        },
      ),
    );
    for (let i = 0; i < 200 && (runs[0] + runs[1] < 6 || skips.length < 2); i++) await sleep(10);
    await Promise.all(jobs.map((job) => job.stop()));
    expect(runs[0] + runs[1]).toBeGreaterThanOrEqual(6);
    expect(most).toBe(1);
    expect(errors).toEqual([]);
    expect(skips.length).toBeGreaterThanOrEqual(2);
    expect(skips[0]).toEqual({ job: 'price-refresh' });
  });
});
