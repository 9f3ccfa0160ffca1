import { runExclusive, type Db, type JobLock } from '@brandi/db';
import type { BackgroundJob } from './run-service.js';

export interface PeriodicJobOptions {
  intervalMs: number;
  onError: (err: unknown) => void;
  /** The first run starts at once instead of after one interval. */
  runAtStart?: boolean;
  /**
   * Each run happens on one instance at a time across every process on the database (`runExclusive`): a
   * run whose lock another holds is skipped (logged at debug) and the schedule goes on.
   */
  lock?: { db: Db; name: JobLock; log: { debug(obj: object, msg: string): void } };
}

/**
 * Runs `run` every `intervalMs` in this process (the sweeper, the order auto-confirmation, the price
 * refresher): runs never overlap (the next is scheduled when one ends), a failed run goes to `onError` and the
 * schedule goes on, the timer does not keep the process alive, and `stop()` waits for the run in progress.
 */
export function startPeriodicJob(run: () => Promise<unknown>, options: PeriodicJobOptions): BackgroundJob {
  const { lock } = options;
  const once = lock
    ? async () => {
        const result = await runExclusive(lock.db, lock.name, run);
        if (!result.ran) lock.log.debug({ job: lock.name }, 'job run skipped: another instance holds its lock');
      }
    : run;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = once()
        .then(() => undefined, options.onError)
        .finally(() => {
          running = undefined;
          schedule(options.intervalMs);
        });
    }, delayMs);
    timer.unref();
  };
  schedule(options.runAtStart ? 0 : options.intervalMs);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
