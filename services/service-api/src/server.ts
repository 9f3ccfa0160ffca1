import { createDb } from '@brandi/db';
import { ConfigError, listenUntilSignalled } from '@brandi/http';
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

await listenUntilSignalled(app, { port: config.PORT, host: config.HOST });
