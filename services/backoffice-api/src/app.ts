import { createCatalogInvalidator, defineService } from '@brandi/http';
import { loadBackofficeApiConfig } from './config.js';
import { SELLER_TOKEN_AUDIENCE } from './plugins/auth.js';
import { routes } from './routes/index.js';
import './types.js';

/** The back-office API on the shared skeleton (packages/http defineService); `buildApp` never listens. */
export const backofficeApi = defineService({
  name: 'backoffice-api',
  description: 'The seller dashboard API: products with images, history, export, sellers and the Q&A inbox.',
  loadConfig: loadBackofficeApiConfig,
  tokenAudience: SELLER_TOKEN_AUDIENCE,
  bodyLimit: 1024 * 1024,
  async setup(app) {
    app.decorateRequest('actor', null as never);
    app.decorate('catalogCache', createCatalogInvalidator(app.redis, app.log));
  },
  routes,
});

export const buildApp = backofficeApi.buildApp;
