import { serviceHarness, type TestContext as ServiceTestContext } from '@brandi/http/testing';
import { serviceApi } from '../src/app.js';
import type { ServiceApiConfig } from '../src/config.js';

export type TestContext = ServiceTestContext<ServiceApiConfig>;
/** startTestApp: a service-api on this worker's fresh test database (real MariaDB) and an in-process s3rver. */
export const { jwtSecret: TEST_JWT_SECRET, startTestApp, testConfig } = serviceHarness(serviceApi);
