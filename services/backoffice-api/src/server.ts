import { runService } from '@brandi/http';
import { startSweeper } from '@brandi/storage';
import { backofficeApi } from './app.js';

// Deletes orphaned uploads (crashes, failed undos) and images replaced by committed edits.
await runService(backofficeApi, {
  background: ({ app, db, store, config }) =>
    startSweeper({ db, store, logger: app.log }, { graceSeconds: config.SWEEP_GRACE_SECONDS, intervalMs: 60_000 }),
});
