import { JOB_LOCKS, type Db } from '@brandi/db';
import { startPeriodicJob, type BackgroundJob } from '@brandi/http';
import { sweep, type ObjectStore } from '@brandi/storage';
import type { FastifyBaseLogger } from 'fastify';
import type { BackofficeApiConfig } from '../config.js';
import { autoConfirmDelivered } from './auto-confirm.js';

export const BACKOFFICE_JOB_INTERVALS = { sweepMs: 60_000, autoConfirmMs: 5 * 60_000 };

export interface BackofficeJobsContext {
  db: Db;
  store: ObjectStore;
  log: FastifyBaseLogger;
  config: Pick<BackofficeApiConfig, 'SWEEP_GRACE_SECONDS' | 'ORDER_AUTO_CONFIRM_DAYS'>;
}

/**
 * The back office's background work: deletes orphaned uploads (crashes, failed undos) and images replaced by
 * committed edits; confirms delivered order items once ORDER_AUTO_CONFIRM_DAYS have passed. Every instance
 * runs the schedule; each run takes its job's lock (`storage-sweep`, `orders-auto-confirm`, the same ones the
 * CLIs take), so one instance at a time does it and the others skip that tick.
 */
export function startBackofficeJobs(
  { db, store, log, config }: BackofficeJobsContext,
  intervals = BACKOFFICE_JOB_INTERVALS,
): BackgroundJob {
  const jobs = [
    startPeriodicJob(() => sweep({ db, store, logger: log }, { graceSeconds: config.SWEEP_GRACE_SECONDS }), {
      intervalMs: intervals.sweepMs,
      onError: (err) => log.error({ err }, 'sweep failed'),
      lock: { db, name: JOB_LOCKS.storageSweep, log },
    }),
    startPeriodicJob(
      async () => {
        const { confirmed } = await autoConfirmDelivered(db, { days: config.ORDER_AUTO_CONFIRM_DAYS });
        if (confirmed.length > 0) log.info({ confirmed: confirmed.length }, 'order items auto-confirmed');
      },
      {
        intervalMs: intervals.autoConfirmMs,
        onError: (err) => log.error({ err }, 'order auto-confirmation failed'),
        lock: { db, name: JOB_LOCKS.ordersAutoConfirm, log },
      },
    ),
  ];
  return { stop: async () => void (await Promise.all(jobs.map((job) => job.stop()))) };
}
