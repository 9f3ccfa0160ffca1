import { passwordWeakness } from '@brandi/db';
import { DEMO_SELLERS } from './catalog.js';
import { DEMO_ADMIN_LOGIN, DEMO_PASSWORDS } from './seed.js';

// The printed demo logins must be accounts the services would let someone create or choose today.
test('every demo password passes the password policy for its accounts', async () => {
  const accounts: [string, string][] = [
    [DEMO_ADMIN_LOGIN, DEMO_PASSWORDS.admin],
    ...DEMO_SELLERS.map((seller): [string, string] => [seller.loginId, DEMO_PASSWORDS.seller]),
    ...Array.from({ length: 10 }, (_, i): [string, string] => [`shopper${String(i + 1).padStart(2, '0')}`, DEMO_PASSWORDS.shopper]),
  ];
  for (const [loginId, password] of accounts)
    expect({ loginId, problem: await passwordWeakness(password, loginId) }).toEqual({ loginId, problem: undefined });
});
