import { foundationSuite } from '@brandi/http/testing/suites';
import { serviceApi } from '../src/app.js';

foundationSuite(serviceApi);
