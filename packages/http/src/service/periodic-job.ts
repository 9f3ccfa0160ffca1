import type { BackgroundJob } from './run-service.js';

/**
 * Runs `run` every `intervalMs` in this process (the sweeper, the order auto-confirmation): runs never overlap
 * (the next is scheduled when one ends), a failed run goes to `onError` and the schedule goes on, the timer does
 * not keep the process alive, and `stop()` waits for the run in progress.
 */
export function startPeriodicJob(
  run: () => Promise<unknown>,
  options: { intervalMs: number; onError: (err: unknown) => void },
): BackgroundJob {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = run()
        .then(() => undefined, options.onError)
        .finally(() => {
          running = undefined;
          schedule();
        });
    }, options.intervalMs);
    timer.unref();
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
