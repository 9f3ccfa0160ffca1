import { refreshEffectivePrices, type Db } from '@brandi/db';
import type { FastifyBaseLogger } from 'fastify';

export interface PriceRefresher {
  stop(): Promise<void>;
}

/**
 * Keeps the indexed `effective_price` columns in step with discount windows that open or close over time
 * (writes set them, but nothing writes a product when its sale starts). The feed's price sorts and filters
 * lag a window edge by at most `intervalMs`; prices in responses are always computed for now.
 */
export function startPriceRefresher(
  db: Db,
  log: FastifyBaseLogger,
  intervalMs: number,
  now: () => Date = () => new Date(),
): PriceRefresher {
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = refreshEffectivePrices(db, now()).then(
      (changed) => {
        if (changed > 0) log.info({ changed }, 'refreshed effective prices');
      },
      (err: unknown) => log.warn({ err }, 'effective price refresh failed'),
    );
  };
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
