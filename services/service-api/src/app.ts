import { isDbUnavailable, sql, type Db } from '@brandi/db';
import { createHttpApp, healthRoutes, loginThrottlePlugin, type AttemptStore, type HttpApp } from '@brandi/http';
import { isStorageUnavailable, LedgerConflictError, type ObjectStore } from '@brandi/storage';
import type { DestinationStream } from 'pino';
import type { ServiceApiConfig } from './config.js';
import { authPlugin } from './plugins/auth.js';
import { createReadCache } from './read-cache.js';
import { routes } from './routes/index.js';
import './types.js';

export interface AppDeps {
  config: ServiceApiConfig;
  db: Db;
  store: ObjectStore;
  /** Log destination (stdout when omitted); tests capture it. */
  logStream?: DestinationStream;
  /** The clock, injectable so tests can pin "now" for discount windows. */
  now?: () => Date;
  /** Login and signup attempt counters (in-process when omitted). */
  attemptStore?: AttemptStore;
}

/** Builds the shopper API; never listens (server.ts does). The caller owns and closes `db`. */
export async function buildApp(deps: AppDeps): Promise<HttpApp> {
  const { config, db, store } = deps;
  const app = createHttpApp({
    name: 'Brandi service-api',
    version: '1.0.0',
    description: 'The shopper web app API: products, categories, shops and product Q&A.',
    logLevel: config.LOG_LEVEL,
    logger: deps.logStream,
    corsOrigins: config.CORS_ORIGINS,
    trustProxy: config.trustProxy,
    // A sweeper claimed this request's uploads (it ran past the grace period): retrying works, so 503.
    unavailableWhen: [isDbUnavailable, isStorageUnavailable, (err) => err instanceof LedgerConflictError],
  });
  app.decorate('config', config);
  app.decorate('db', db);
  app.decorate('store', store);
  app.decorate('now', deps.now ?? (() => new Date()));
  app.decorate('cache', createReadCache({ ttlMs: config.CACHE_TTL_MS }));
  await app.register(authPlugin);
  await app.register(loginThrottlePlugin, { store: deps.attemptStore });
  await app.register(healthRoutes, {
    checks: {
      db: async () => {
        await sql`SELECT 1`.execute(db);
      },
      s3: () => store.ping(),
    },
  });
  await app.register(routes);
  return app;
}
