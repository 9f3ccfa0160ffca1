import { runService } from '@brandi/http';
import { backofficeApi } from './app.js';
import { startBackofficeJobs } from './jobs/background.js';

await runService(backofficeApi, { background: ({ app, db, store, config }) => startBackofficeJobs({ db, store, log: app.log, config }) });
