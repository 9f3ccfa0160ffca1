import { runService } from '@brandi/http';
import { startSweeper } from '@brandi/storage';
import { backofficeApi } from './app.js';
import { startAutoConfirm } from './jobs/auto-confirm.js';

// Deletes orphaned uploads (crashes, failed undos) and images replaced by committed edits; confirms delivered
// order items once ORDER_AUTO_CONFIRM_DAYS have passed (safe on every instance at once).
await runService(backofficeApi, {
  background: ({ app, db, store, config }) => {
    const jobs = [
      startSweeper({ db, store, logger: app.log }, { graceSeconds: config.SWEEP_GRACE_SECONDS, intervalMs: 60_000 }),
      startAutoConfirm({ db, logger: app.log }, { days: config.ORDER_AUTO_CONFIRM_DAYS, intervalMs: 5 * 60_000 }),
    ];
    return { stop: async () => void (await Promise.all(jobs.map((job) => job.stop()))) };
  },
});
