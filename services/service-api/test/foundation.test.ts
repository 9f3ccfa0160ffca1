import { foundationSuite } from '@brandi/http/testing';
import { serviceApi } from '../src/app.js';

foundationSuite(serviceApi);
