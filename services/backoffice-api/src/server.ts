import { createDb } from '@brandi/db';
import { ConfigError } from '@brandi/http';
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

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    // In-flight requests finish; a stuck shutdown is cut off so the orchestrator can restart us.
    setTimeout(() => process.exit(1), 10_000).unref();
    app.close().then(() => process.exit(0), () => process.exit(1));
  });
}

await app.listen({ port: config.PORT, host: config.HOST });
