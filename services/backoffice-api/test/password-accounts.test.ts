import { passwordAccountsSuite } from '@brandi/http/testing';
import { backofficeApi } from '../src/app.js';
import { createSeller } from './sellers.fixtures.js';

passwordAccountsSuite(backofficeApi, {
  table: 'sellers',
  createAccount: (db, loginId, passwordHash) => createSeller(db, { loginId, passwordHash }),
  signupBody: (tag, password) => ({
    loginId: `signup_${tag}`,
    password,
    nameKo: `가입${tag}`,
    nameEn: `Signup ${tag}`,
    attributeId: 4,
    csPhone: '02-123-4567',
    siteUrl: 'https://shop.example.com',
    managerPhone: '010-1234-5678',
  }),
  signedInRequest: { method: 'GET', url: '/auth/me' },
});
