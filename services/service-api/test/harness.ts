import {
  startTestApp as startServiceForTest,
  testConfig as serviceTestConfig,
  testJwtSecret,
  type TestAppOptions,
  type TestContext as ServiceTestContext,
} from '@brandi/http/testing';
import type { RunningS3 } from '@brandi/storage/testing';
import { serviceApi } from '../src/app.js';
import type { ServiceApiConfig } from '../src/config.js';

export type TestContext = ServiceTestContext<ServiceApiConfig>;
export const TEST_JWT_SECRET = testJwtSecret(serviceApi);
export const testConfig = (s3: RunningS3, databaseUrl: string, env?: Record<string, string>) =>
  serviceTestConfig(serviceApi, s3, databaseUrl, env);
/** A service-api on this worker's fresh test database (real MariaDB) and an in-process s3rver. */
export const startTestApp = (options?: TestAppOptions): Promise<TestContext> => startServiceForTest(serviceApi, options);
