import { foundationSuite } from '@brandi/http/testing/suites';
import { backofficeApi } from '../src/app.js';

foundationSuite(backofficeApi);
