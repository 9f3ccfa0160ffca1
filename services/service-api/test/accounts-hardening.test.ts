import { hashPassword, sql } from '@brandi/db';
import { startTestApp, type TestContext } from './harness.js';

// Shopper-only attacks from the hardening review (issue 10, item 3); the login and signup attacks both services
// share run in password-accounts.test.ts.

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(() => ctx.close());

const login = (loginId: string, password: string) => ctx.app.inject({ method: 'POST', url: '/auth/login', payload: { loginId, password } });
const myQuestions = (token: string) =>
  ctx.app.inject({ method: 'GET', url: '/me/questions', headers: { authorization: `Bearer ${token}` } });

async function createShopper(loginId: string, passwordHash: Promise<string>): Promise<number> {
  const result = await ctx.db
    .insertInto('shoppers')
    .values({ login_id: loginId, password_hash: await passwordHash, name: '쇼퍼', email: null, phone: null })
    .executeTakeFirstOrThrow();
  return Number(result.insertId);
}

test('a token from before a password change (token_version bumped) is 401; a new one works', async () => {
  const id = await createShopper('sectest_c', hashPassword('violet-harbor-42'));
  const before = (await login('sectest_c', 'violet-harbor-42')).json().accessToken;
  expect((await myQuestions(before)).statusCode).toBe(200);
  // What a password change does to the account (the shopper API has no change route yet).
  await ctx.db
    .updateTable('shoppers')
    .set({ password_hash: await hashPassword('amber-canal-17'), token_version: sql<number>`token_version + 1` })
    .where('id', '=', id)
    .execute();
  expect((await myQuestions(before)).statusCode).toBe(401);
  const after = (await login('sectest_c', 'amber-canal-17')).json().accessToken;
  expect((await myQuestions(after)).statusCode).toBe(200);
});
