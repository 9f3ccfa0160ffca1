import { createDb, type Db } from '@brandi/db';
import { createTestDb } from '@brandi/db/testing';
import { startTestS3, type RunningS3 } from '@brandi/storage/testing';
import type { HttpApp } from '../app.js';
import type { Service, ServiceDeps } from '../service/define-service.js';
import type { ServiceConfig } from '../service/service-config.js';

/** The JWT secret a service signs with under test (`<name>-test-secret-…`). */
export const testJwtSecret = (service: Pick<Service<ServiceConfig>, 'name'>) => `${service.name}-test-secret-0123456789abcdef`;

/** The S3_* environment variables that point a service (in process or spawned) at a test s3rver. */
export function testS3Env(s3: RunningS3): Record<string, string | undefined> {
  return {
    S3_ENDPOINT: s3.config.endpoint,
    S3_REGION: s3.config.region,
    S3_BUCKET: s3.config.bucket,
    S3_ACCESS_KEY_ID: s3.config.accessKeyId,
    S3_SECRET_ACCESS_KEY: s3.config.secretAccessKey,
    S3_FORCE_PATH_STYLE: 'true',
    S3_PUBLIC_URL: s3.config.publicUrl,
  };
}

/** A service's config on a test database and an s3rver; `overrides` are environment variables. */
export function testConfig<C extends ServiceConfig>(
  service: Service<C>,
  s3: RunningS3,
  databaseUrl: string,
  overrides: Record<string, string> = {},
): C {
  return service.loadConfig({
    PORT: '3000',
    DATABASE_URL: databaseUrl,
    ...testS3Env(s3),
    JWT_SECRET: testJwtSecret(service),
    LOG_LEVEL: 'silent',
    ...overrides,
  });
}

export interface TestContext<C extends ServiceConfig = ServiceConfig> {
  app: HttpApp;
  db: Db;
  s3: RunningS3;
  config: C;
  close(): Promise<void>;
}

export type TestAppOptions = Partial<Pick<ServiceDeps<ServiceConfig>, 'now' | 'logStream' | 'redis'>> & { env?: Record<string, string> };

/** A service on this worker's fresh test database (real MariaDB) and an in-process s3rver. */
export async function startTestApp<C extends ServiceConfig>(service: Service<C>, options: TestAppOptions = {}): Promise<TestContext<C>> {
  const testDb = await createTestDb();
  const s3 = await startTestS3();
  const config = testConfig(service, s3, testDb.url, options.env);
  const app = await service.buildApp({
    config,
    db: testDb.db,
    store: s3.store,
    now: options.now,
    logStream: options.logStream,
    redis: options.redis,
  });
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

/** One service's harness: its test JWT secret, its config on a test database and s3rver, and a started app. */
export function serviceHarness<C extends ServiceConfig>(service: Service<C>) {
  return {
    jwtSecret: testJwtSecret(service),
    testConfig: (s3: RunningS3, databaseUrl: string, env?: Record<string, string>): C => testConfig(service, s3, databaseUrl, env),
    startTestApp: (options?: TestAppOptions): Promise<TestContext<C>> => startTestApp(service, options),
  };
}
