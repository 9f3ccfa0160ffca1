import { isDbUnavailable, sql, type Db } from '@brandi/db';
import { isStorageUnavailable, LedgerConflictError, type ObjectStore } from '@brandi/storage';
import type { FastifyPluginAsync } from 'fastify';
import type { DestinationStream } from 'pino';
import { createHttpApp, type HttpApp } from '../app.js';
import { createTokenService } from '../auth.js';
import { healthRoutes } from '../health.js';
import { loginThrottlePlugin, type AttemptStore } from '../login-rate-limit.js';
import { createRedisAttemptStore } from '../redis/attempt-store.js';
import { redisPlugin, throttledWarning, type RedisClient } from '../redis/client.js';
import { clockPlugin, dbPlugin, objectStorePlugin } from './infrastructure.js';
import { inProcessPins, redisPins } from './primary-pins.js';
import { readRoutingPlugin } from './read-routing.js';
import type { ServiceConfig } from './service-config.js';

/** Every service's tokens name this issuer; the audience tells the services apart. */
export const TOKEN_ISSUER = 'brandi';

export interface ServiceDeps<C extends ServiceConfig> {
  config: C;
  /** The primary. */
  db: Db;
  /** Reads a replica may serve (DATABASE_READ_URL); `db` when omitted. The caller owns and closes it. */
  readDb?: Db;
  /** Pings the replica itself (not through readDb's fallback), for `/health/ready`; omitted without a replica. */
  pingReplica?: () => Promise<void>;
  store: ObjectStore;
  /** Log destination (stdout when omitted); tests capture it. */
  logStream?: DestinationStream;
  /** The clock, injectable so tests can pin "now". */
  now?: () => Date;
  /** Login and signup attempt counters (in Redis when `redis` is given, else in-process). */
  attemptStore?: AttemptStore;
  /**
   * The shared Redis (REDIS_URL): read cache, attempt counters and read-your-writes pins of every instance. The
   * caller owns and closes it. Omitted = one instance, everything in-process.
   */
  redis?: RedisClient;
}

export interface ServiceDefinition<C extends ServiceConfig> {
  /** The process name in boot errors, e.g. `service-api`; the OpenAPI title is `Brandi <name>`. */
  name: string;
  /** The OpenAPI description. */
  description: string;
  /** The service's environment reader (its config.ts). */
  loadConfig: (env?: Record<string, string | undefined>) => C;
  /** `aud` of the tokens this service signs and accepts. */
  tokenAudience: string;
  bodyLimit?: number;
  /** Service decorators and plugins (auth), registered after db, store, clock and tokens and before the routes. */
  setup?: (app: HttpApp, config: C) => Promise<void>;
  routes: FastifyPluginAsync;
}

export interface Service<C extends ServiceConfig> extends ServiceDefinition<C> {
  /** Builds the service; never listens (server.ts does). The caller owns and closes `db` and `readDb`. */
  buildApp(deps: ServiceDeps<C>): Promise<HttpApp>;
}

/**
 * The one skeleton both services are built on: the shared Fastify instance (errors, request ids, security
 * headers, docs), `config`, `db`, `store`, `now`, `redis` and `tokens` decorators, read routing
 * (`request.readDb`), the login throttle (shared through Redis when there is one), health probes, then the
 * service's own setup and routes.
 */
export function defineService<C extends ServiceConfig>(definition: ServiceDefinition<C>): Service<C> {
  async function buildApp(deps: ServiceDeps<C>): Promise<HttpApp> {
    const { config, db, store } = deps;
    const app = createHttpApp({
      name: `Brandi ${definition.name}`,
      version: '1.0.0',
      description: definition.description,
      logLevel: config.LOG_LEVEL,
      logger: deps.logStream,
      corsOrigins: config.CORS_ORIGINS,
      trustProxy: config.trustProxy,
      // A sweeper claimed this request's uploads (it ran past the grace period): retrying works, so 503.
      unavailableWhen: [isDbUnavailable, isStorageUnavailable, (err) => err instanceof LedgerConflictError],
      bodyLimit: definition.bodyLimit,
    });
    // Typed by each service's own declaration merging (its config has its own variables).
    app.decorate('config', config as never);
    await app.register(dbPlugin, { db });
    const pinMs = config.DATABASE_READ_PIN_MS;
    const pins = deps.redis ? redisPins(deps.redis, pinMs) : inProcessPins(pinMs);
    await app.register(readRoutingPlugin, { db, readDb: deps.readDb ?? db, pins });
    await app.register(objectStorePlugin, { store });
    await app.register(clockPlugin, { now: deps.now });
    await app.register(redisPlugin, { redis: deps.redis });
    app.decorate(
      'tokens',
      createTokenService({
        secret: config.JWT_SECRET,
        audience: definition.tokenAudience,
        issuer: TOKEN_ISSUER,
        ttlSeconds: config.JWT_TTL_SECONDS,
      }),
    );
    await definition.setup?.(app, config);
    await app.register(loginThrottlePlugin, { store: deps.attemptStore ?? sharedAttemptStore(app, deps.redis) });
    const redis = deps.redis;
    await app.register(healthRoutes, {
      checks: {
        db: async () => {
          await sql`SELECT 1`.execute(db);
        },
        s3: () => store.ping(),
      },
      // Redis only speeds things up and shares counters: when it is down the service answers from MySQL. A
      // replica that is down sends its reads to the primary.
      optionalChecks: {
        replica: deps.pingReplica,
        redis: redis
          ? async () => {
              await redis.ping();
            }
          : undefined,
      },
    });
    await app.register(definition.routes);
    return app;
  }
  return { ...definition, buildApp };
}

function sharedAttemptStore(app: HttpApp, redis: RedisClient | undefined): AttemptStore | undefined {
  if (!redis) return undefined;
  return createRedisAttemptStore(redis, {
    onError: throttledWarning(app.log, 'Redis unavailable: login and signup budgets are counted per instance until it answers'),
  });
}
