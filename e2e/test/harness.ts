import type { Db } from '@brandi/db';
import type { HttpApp, RedisClient } from '@brandi/http';
import { startTestApp, testConfig, testJwtSecret } from '@brandi/http/testing';
import { backofficeApi } from '@brandi/backoffice-api/app';
import { serviceApi } from '@brandi/service-api/app';

export interface BothServices {
  backoffice: HttpApp;
  shopper: HttpApp;
  db: Db;
  close(): Promise<void>;
}

/**
 * The back office and the shopper API on one test database and bucket, as deployed. Both sign with the same
 * secret here, so a token crossing over is refused by its audience alone.
 */
export async function startBothServices(options: { now?: () => Date } = {}): Promise<BothServices> {
  const { backoffice, shoppers, db, close } = await startScaledOut({ now: options.now, shopperInstances: 1 });
  return { backoffice, shopper: shoppers[0], db, close };
}

export interface ScaledOutOptions {
  now?: () => Date;
  /** How many shopper API instances (each its own app, cache and counters, as separate processes would be). */
  shopperInstances: number;
  /** Each instance's own client of the shared Redis (none = every instance on its own, as without REDIS_URL). */
  redisFor?: (service: 'backoffice' | 'shopper', instance: number) => Promise<RedisClient>;
  /** Shopper API environment (e.g. CACHE_TTL_MS). */
  shopperEnv?: Record<string, string>;
}

export interface ScaledOut {
  backoffice: HttpApp;
  shoppers: HttpApp[];
  db: Db;
  close(): Promise<void>;
}

/** One back office and N shopper API instances on one test database and bucket (and one Redis, when given). */
export async function startScaledOut(options: ScaledOutOptions): Promise<ScaledOut> {
  const ctx = await startTestApp(backofficeApi, { now: options.now, redis: await options.redisFor?.('backoffice', 0) });
  const config = testConfig(serviceApi, ctx.s3, ctx.config.DATABASE_URL, {
    JWT_SECRET: testJwtSecret(backofficeApi),
    ...options.shopperEnv,
  });
  const shoppers: HttpApp[] = [];
  for (let i = 0; i < options.shopperInstances; i++) {
    const redis = await options.redisFor?.('shopper', i);
    const shopper = await serviceApi.buildApp({ config, db: ctx.db, store: ctx.s3.store, now: options.now, redis });
    await shopper.ready();
    shoppers.push(shopper);
  }
  return {
    backoffice: ctx.app,
    shoppers,
    db: ctx.db,
    async close() {
      for (const shopper of shoppers) await shopper.close();
      await ctx.close();
    },
  };
}

export async function bearer(app: HttpApp, claims: { sub: string; role: string; tv?: number }): Promise<Record<string, string>> {
  const { accessToken } = await app.tokens.sign(claims);
  return { authorization: `Bearer ${accessToken}` };
}
