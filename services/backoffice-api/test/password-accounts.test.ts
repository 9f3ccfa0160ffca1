import { passwordAccountsSuite } from '@brandi/http/testing/suites';
import { backofficeApi } from '../src/app.js';
import { createSeller, sellerSignupBody } from './sellers.fixtures.js';

passwordAccountsSuite(backofficeApi, {
  table: 'sellers',
  createAccount: (db, loginId, passwordHash) => createSeller(db, { loginId, passwordHash }),
  signupBody: sellerSignupBody,
  signedInRequest: { method: 'GET', url: '/auth/me' },
});
