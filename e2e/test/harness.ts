import type { Db } from '@brandi/db';
import type { HttpApp } from '@brandi/http';
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
  const ctx = await startTestApp(backofficeApi, { now: options.now });
  const config = testConfig(serviceApi, ctx.s3, ctx.config.DATABASE_URL, { JWT_SECRET: testJwtSecret(backofficeApi) });
  const shopper = await serviceApi.buildApp({ config, db: ctx.db, store: ctx.s3.store, now: options.now });
  await shopper.ready();
  return {
    backoffice: ctx.app,
    shopper,
    db: ctx.db,
    async close() {
      await shopper.close();
      await ctx.close();
    },
  };
}

export async function bearer(app: HttpApp, claims: { sub: string; role: string; tv?: number }): Promise<Record<string, string>> {
  const { accessToken } = await app.tokens.sign(claims);
  return { authorization: `Bearer ${accessToken}` };
}
