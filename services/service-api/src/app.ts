import { defineService } from '@brandi/http';
import { approvingGateway } from '@brandi/orders';
import { loadServiceApiConfig } from './config.js';
import { authPlugin, SHOPPER_TOKEN_AUDIENCE } from './plugins/auth.js';
import { createReadCache } from './read-cache.js';
import { createRedisReadCache } from './redis-read-cache.js';
import { routes } from './routes/index.js';
import './types.js';

/** The shopper API on the shared skeleton (packages/http defineService); `buildApp` never listens. */
export const serviceApi = defineService({
  name: 'service-api',
  description: 'The shopper web app API: products, categories, shops, product Q&A, addresses, cart and orders.',
  loadConfig: loadServiceApiConfig,
  tokenAudience: SHOPPER_TOKEN_AUDIENCE,
  async setup(app, config) {
    const ttlMs = config.CACHE_TTL_MS;
    // With Redis every instance shares one cache that writes of both services invalidate; without, one process.
    app.decorate('cache', app.redis ? createRedisReadCache({ redis: app.redis, ttlMs, log: app.log }) : createReadCache({ ttlMs }));
    app.decorate('payments', approvingGateway);
    await app.register(authPlugin);
  },
  routes,
});

export const buildApp = serviceApi.buildApp;
