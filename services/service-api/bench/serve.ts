import { createDb } from '@brandi/db';
import { connectRedis, createRedisClient } from '@brandi/http';
import { createObjectStore } from '@brandi/storage';
import { buildApp } from '../src/app.js';
import { loadServiceApiConfig } from '../src/config.js';
import { buildRawBaseline } from './raw-baseline.js';
import { BENCH_JWT_SECRET } from './server-process.js';

// Child process of bench/service.ts and bench/load.ts (see server-process.ts): serves either the real service-api or the raw baseline on a free port.

// BENCH_LOG_LEVEL=info logs every request of the served app (to trace a slow or stuck one).
const [kind, databaseUrl, poolSize, cacheTtlMs = '0'] = process.argv.slice(2);
const PUBLIC_URL = 'http://127.0.0.1:9/bench';
const config = loadServiceApiConfig({
  PORT: '3000',
  DATABASE_URL: databaseUrl,
  DATABASE_POOL_SIZE: poolSize,
  S3_ENDPOINT: 'http://127.0.0.1:9',
  S3_REGION: 'ap-northeast-2',
  S3_BUCKET: 'bench',
  S3_FORCE_PATH_STYLE: 'true',
  S3_PUBLIC_URL: PUBLIC_URL,
  JWT_SECRET: BENCH_JWT_SECRET,
  LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
  CACHE_TTL_MS: cacheTtlMs,
  // Set by server-process.ts for the multi-instance runs of bench:load (empty = in-process cache).
  REDIS_URL: process.env.REDIS_URL || undefined,
});
const db = createDb({ url: databaseUrl, poolSize: Number(poolSize) });
// As runService does: the client is made from REDIS_URL and handed to the app.
const redis = config.REDIS_URL === undefined ? undefined : createRedisClient({ url: config.REDIS_URL });
if (redis) await connectRedis(redis);
const app =
  kind === 'raw'
    ? await buildRawBaseline(db, databaseUrl, Number(poolSize), PUBLIC_URL)
    : await buildApp({ config, db, store: createObjectStore(config.storage), redis });
app.addHook('onClose', () => db.destroy());
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
// The parent only stops a server after its load has finished, so there is nothing to drain.
process.on('message', (message) => {
  if (message === 'stop') process.exit(0);
});
