import { sql } from 'kysely';
import { createDb } from '../client.js';
import { jobLockHolder, runExclusive, type JobLock } from '../job-locks.js';

export interface HeldJobLock {
  /** The server connection holding the lock. */
  connectionId: number;
  /** Kills the holding connection, as the server sees a crashed instance (its socket closes), and cleans up. */
  crash(): Promise<void>;
  /** Ends the run: the lock is released as after a run that finished. */
  release(): Promise<void>;
}

/**
 * Another instance, stuck in a run of `lock`'s job: its own pool on `url` holds the lock until `crash()`.
 * Throws when the lock is already held.
 */
export async function holdJobLock(url: string, lock: JobLock): Promise<HeldJobLock> {
  const instance = createDb({ url, poolSize: 2 });
  let finish = () => {};
  let entered = () => {};
  const inRun = new Promise<boolean>((resolve) => {
    entered = () => resolve(true);
  });
  const run = runExclusive(instance, lock, async () => {
    entered();
    await new Promise<void>((resolve) => {
      finish = resolve;
    });
  });
  if (!(await Promise.race([inRun, run.then((r) => r.ran)]))) {
    await instance.destroy();
    throw new Error(`the ${lock} lock is held elsewhere`);
  }
  const connectionId = (await jobLockHolder(instance, lock)) as number;
  return {
    connectionId,
    async crash() {
      await sql`KILL CONNECTION ${sql.raw(String(Number(connectionId)))}`.execute(instance);
      finish();
      await run.catch(() => undefined);
      await instance.destroy();
    },
    async release() {
      finish();
      await run;
      await instance.destroy();
    },
  };
}
