import { runExclusive, type Db, type JobLock } from '@brandi/db';

/** How long a CLI run waits for another process's run of the same job (a back-office instance's) to end. */
export const CLI_LOCK_WAIT_SECONDS = 30;

/**
 * Runs a job's CLI body under the job's lock, the one the back-office instances' schedules take, so the two
 * never work at once: waits up to CLI_LOCK_WAIT_SECONDS for a run in progress to end, then gives up, saying so
 * (the holder is doing this work). Returns the body's value, or undefined when it did not run.
 */
export async function runCliJob<T>(db: Db, lock: JobLock, fn: () => Promise<T>): Promise<T | undefined> {
  const result = await runExclusive(db, lock, fn, { waitSeconds: CLI_LOCK_WAIT_SECONDS });
  if (result.ran) return result.value;
  console.log(`skipped: another process held the ${lock} lock for all of a ${CLI_LOCK_WAIT_SECONDS} s wait (it is doing this work)`);
  return undefined;
}
