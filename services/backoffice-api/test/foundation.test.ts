import { foundationSuite } from '@brandi/http/testing';
import { backofficeApi } from '../src/app.js';

foundationSuite(backofficeApi);
