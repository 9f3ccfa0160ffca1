import { createReadWriteDbs, type Db } from '@brandi/db';
import { createObjectStore, type ObjectStore } from '@brandi/storage';
import { ConfigError } from '../config.js';
import type { HttpApp } from '../app.js';
import { connectRedis, createRedisClient, throttledWarning } from '../redis/client.js';
import { listenUntilSignalled } from '../serve.js';
import type { Service } from './define-service.js';
import type { ServiceConfig } from './service-config.js';

/** Work a process runs beside its routes (a sweeper, a refresher), stopped before the pool closes. */
export interface BackgroundJob {
  stop(): Promise<void>;
}

export interface RunServiceOptions<C extends ServiceConfig> {
  background?: (context: { app: HttpApp; db: Db; store: ObjectStore; config: C }) => BackgroundJob;
}

/**
 * What a service's server.ts does: reads its config (a bad one exits 1 listing every problem), opens the pool,
 * the object store and Redis (when REDIS_URL is set), builds the app, starts background work, listens, and on a signal stops the work and
 * closes the pool after the in-flight requests.
 */
export async function runService<C extends ServiceConfig>(service: Service<C>, options: RunServiceOptions<C> = {}): Promise<void> {
  let config: C;
  try {
    config = service.loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(`${service.name} cannot start.\n${err.message}`);
    process.exit(1);
  }
  const poolSize = config.DATABASE_POOL_SIZE;
  let app: HttpApp | undefined;
  const dbs = createReadWriteDbs(
    { url: config.DATABASE_URL, poolSize },
    config.DATABASE_READ_URL === undefined ? undefined : { url: config.DATABASE_READ_URL, poolSize },
    { onReplicaDown: (err) => app?.log.warn({ err }, 'the read replica is unreachable: reads go to the primary for a while') },
  );
  const { db, readDb } = dbs;
  const store = createObjectStore(config.storage);
  const redis = config.REDIS_URL === undefined ? undefined : createRedisClient({ url: config.REDIS_URL });
  app = await service.buildApp({ config, db, readDb, pingReplica: dbs.pingReplica, store, redis });
  if (redis) {
    redis.on('error', throttledWarning(app.log, 'Redis connection failed; answering from MySQL and counting limits per instance'));
    // A Redis that is down does not stop the start: the client keeps reconnecting in the background.
    await connectRedis(redis);
  }
  const job = options.background?.({ app, db, store, config });
  app.addHook('onClose', async () => {
    await job?.stop();
    redis?.disconnect();
    await dbs.destroy();
  });
  await listenUntilSignalled(app, { port: config.PORT, host: config.HOST });
}
