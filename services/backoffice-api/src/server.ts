import { createDb } from '@brandi/db';
import { ConfigError, listenUntilSignalled } from '@brandi/http';
import { createObjectStore, startSweeper } from '@brandi/storage';
import { buildApp } from './app.js';
import { loadBackofficeApiConfig, type BackofficeApiConfig } from './config.js';

let config: BackofficeApiConfig;
try {
  config = loadBackofficeApiConfig();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(`backoffice-api cannot start.\n${err.message}`);
  process.exit(1);
}

const db = createDb({ url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE });
const store = createObjectStore(config.storage);
const app = await buildApp({ config, db, store });
// Deletes orphaned uploads (crashes, failed undos) and images replaced by committed edits.
const sweeper = startSweeper({ db, store, logger: app.log }, { graceSeconds: config.SWEEP_GRACE_SECONDS, intervalMs: 60_000 });
app.addHook('onClose', async () => {
  await sweeper.stop();
  await db.destroy();
});

await listenUntilSignalled(app, { port: config.PORT, host: config.HOST });
