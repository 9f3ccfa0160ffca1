import {
  startTestApp as startBackofficeForTest,
  testConfig as backofficeTestConfig,
  testJwtSecret,
  type TestAppOptions,
  type TestContext as BackofficeTestContext,
} from '@brandi/http/testing';
import type { RunningS3 } from '@brandi/storage/testing';
import { backofficeApi } from '../src/app.js';
import type { BackofficeApiConfig } from '../src/config.js';

export type TestContext = BackofficeTestContext<BackofficeApiConfig>;
export const TEST_JWT_SECRET = testJwtSecret(backofficeApi);
/** A backoffice-api on this worker's fresh test database (real MariaDB) and an in-process s3rver. */
export const startTestApp = (options?: TestAppOptions): Promise<TestContext> => startBackofficeForTest(backofficeApi, options);
export const testConfig = (s3: RunningS3, databaseUrl: string, env?: Record<string, string>) =>
  backofficeTestConfig(backofficeApi, s3, databaseUrl, env);
