import { passwordAccountsSuite } from '@brandi/http/testing/suites';
import { serviceApi } from '../src/app.js';
import { insertShopper } from '../src/routes/auth/shoppers.repository.js';

passwordAccountsSuite(serviceApi, {
  table: 'shoppers',
  createAccount: (db, loginId, passwordHash) =>
    insertShopper(db, { login_id: loginId, password_hash: passwordHash, name: '쇼퍼', email: null, phone: null }),
  signupBody: (tag, password) => ({ loginId: `signup_${tag}`, password, name: '쇼퍼' }),
  signedInRequest: { method: 'GET', url: '/me/questions' },
});
