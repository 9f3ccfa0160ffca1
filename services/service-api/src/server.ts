import { createDb } from '@brandi/db';
import { ConfigError } from '@brandi/http';
import { createObjectStore } from '@brandi/storage';
import { buildApp } from './app.js';
import { loadServiceApiConfig, type ServiceApiConfig } from './config.js';
import { startPriceRefresher } from './price-refresher.js';

let config: ServiceApiConfig;
try {
  config = loadServiceApiConfig();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(`service-api cannot start.\n${err.message}`);
  process.exit(1);
}

const db = createDb({ url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE });
const app = await buildApp({ config, db, store: createObjectStore(config.storage) });
const priceRefresher = startPriceRefresher(db, app.log, 60_000);
app.addHook('onClose', async () => {
  await priceRefresher.stop();
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
