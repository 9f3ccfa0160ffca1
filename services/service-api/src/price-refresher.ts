import { JOB_LOCKS, refreshEffectivePrices, type Db } from '@brandi/db';
import { startPeriodicJob, type BackgroundJob } from '@brandi/http';
import type { FastifyBaseLogger } from 'fastify';

/**
 * Keeps the indexed `effective_price` columns in step with discount windows that open or close over time
 * (writes set them, but nothing writes a product when its sale starts). The feed's price sorts and filters
 * lag a window edge by at most `intervalMs`; prices in responses are always computed for now.
 *
 * One instance at a time refreshes (the `price-refresh` lock); the others skip that tick. Runs never overlap,
 * and the first run is at start: after every instance was down, the columns would otherwise lag by the
 * downtime plus an interval.
 */
export function startPriceRefresher(db: Db, log: FastifyBaseLogger, intervalMs: number, now: () => Date = () => new Date()): BackgroundJob {
  return startPeriodicJob(
    async () => {
      const changed = await refreshEffectivePrices(db, now());
      if (changed > 0) log.info({ changed }, 'refreshed effective prices');
    },
    {
      intervalMs,
      runAtStart: true,
      onError: (err) => log.warn({ err }, 'effective price refresh failed'),
      lock: { db, name: JOB_LOCKS.priceRefresh, log },
    },
  );
}
