import { serviceHarness, type TestContext as BackofficeTestContext } from '@brandi/http/testing';
import { backofficeApi } from '../src/app.js';
import type { BackofficeApiConfig } from '../src/config.js';

export type TestContext = BackofficeTestContext<BackofficeApiConfig>;
/** startTestApp: a backoffice-api on this worker's fresh test database (real MariaDB) and an in-process s3rver. */
export const { jwtSecret: TEST_JWT_SECRET, startTestApp, testConfig } = serviceHarness(backofficeApi);
