import { expect, test } from '@jest/globals';
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
