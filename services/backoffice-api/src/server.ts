import { runService, startPeriodicJob } from '@brandi/http';
import { sweep } from '@brandi/storage';
import { backofficeApi } from './app.js';
import { autoConfirmDelivered } from './jobs/auto-confirm.js';

// Deletes orphaned uploads (crashes, failed undos) and images replaced by committed edits; confirms delivered
// order items once ORDER_AUTO_CONFIRM_DAYS have passed (safe on every instance at once).
await runService(backofficeApi, {
  background: ({ app, db, store, config }) => {
    const jobs = [
      startPeriodicJob(() => sweep({ db, store, logger: app.log }, { graceSeconds: config.SWEEP_GRACE_SECONDS }), {
        intervalMs: 60_000,
        onError: (err) => app.log.error({ err }, 'sweep failed'),
      }),
      startPeriodicJob(
        async () => {
          const { confirmed } = await autoConfirmDelivered(db, { days: config.ORDER_AUTO_CONFIRM_DAYS });
          if (confirmed.length > 0) app.log.info({ confirmed: confirmed.length }, 'order items auto-confirmed');
        },
        { intervalMs: 5 * 60_000, onError: (err) => app.log.error({ err }, 'order auto-confirmation failed') },
      ),
    ];
    return { stop: async () => void (await Promise.all(jobs.map((job) => job.stop()))) };
  },
});
