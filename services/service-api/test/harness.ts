import { createDb, type Db } from '@brandi/db';
import { createTestDb } from '@brandi/db/testing';
import type { HttpApp } from '@brandi/http';
import { startTestS3, type RunningS3 } from '@brandi/storage/testing';
import { buildApp, type AppDeps } from '../src/app.js';
import { loadServiceApiConfig, type ServiceApiConfig } from '../src/config.js';

export const TEST_JWT_SECRET = 'service-api-test-secret-0123456789abcdef';

export function testConfig(s3: RunningS3, databaseUrl: string, overrides: Record<string, string> = {}): ServiceApiConfig {
  return loadServiceApiConfig({
    PORT: '3000',
    DATABASE_URL: databaseUrl,
    S3_ENDPOINT: s3.config.endpoint,
    S3_REGION: s3.config.region,
    S3_BUCKET: s3.config.bucket,
    S3_ACCESS_KEY_ID: s3.config.accessKeyId,
    S3_SECRET_ACCESS_KEY: s3.config.secretAccessKey,
    S3_FORCE_PATH_STYLE: 'true',
    S3_PUBLIC_URL: s3.config.publicUrl,
    JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: 'silent',
    ...overrides,
  });
}

export interface TestContext {
  app: HttpApp;
  db: Db;
  s3: RunningS3;
  config: ServiceApiConfig;
  close(): Promise<void>;
}

/** A service-api on this worker's fresh test database (real MariaDB) and an in-process s3rver. */
export async function startTestApp(options: Partial<Pick<AppDeps, 'now' | 'logStream'>> & { env?: Record<string, string> } = {}): Promise<TestContext> {
  const testDb = await createTestDb();
  const s3 = await startTestS3();
  const config = testConfig(s3, testDb.url, options.env);
  const app = await buildApp({ config, db: testDb.db, store: s3.store, now: options.now, logStream: options.logStream });
  await app.ready();
  return {
    app,
    db: testDb.db,
    s3,
    config,
    async close() {
      await app.close();
      await testDb.destroy();
      await s3.close();
    },
  };
}

/** A Db whose server is unreachable: for readiness and 503 tests. */
export function unreachableDb(): Db {
  return createDb({ url: 'mysql://root@127.0.0.1:1/none', connectTimeoutMs: 300, acquireTimeoutMs: 500 });
}
