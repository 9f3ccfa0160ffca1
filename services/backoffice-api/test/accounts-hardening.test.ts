import { verifyPassword } from '@brandi/db';
import { LOGIN_ATTEMPTS_PER_WINDOW } from '@brandi/http';
import { startTestApp, type TestContext } from './harness.js';
import { createSellerWithPassword } from './sellers.fixtures.js';

// Back-office-only attacks from the hardening review (issue 10, item 3: password changes); the login and signup
// attacks both services share run in password-accounts.test.ts.

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(() => ctx.close());

let ipCounter = 0;
const freshIp = () => `10.77.${Math.floor(ipCounter / 250)}.${(ipCounter++ % 250) + 1}`;
const login = (loginId: string, password: string, ip = freshIp()) =>
  ctx.app.inject({ method: 'POST', url: '/auth/login', payload: { loginId, password }, remoteAddress: ip });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const me = (token: string) => ctx.app.inject({ method: 'GET', url: '/auth/me', headers: bearer(token) });
const changePassword = (id: number, token: string, currentPassword: string, newPassword: string, ip = freshIp()) =>
  ctx.app.inject({
    method: 'PUT',
    url: `/sellers/${id}/password`,
    payload: { currentPassword, newPassword },
    headers: bearer(token),
    remoteAddress: ip,
  });

describe('password changes end earlier tokens (item 3)', () => {
  test('every token issued before the change is 401; one issued right after works', async () => {
    const id = await createSellerWithPassword(ctx.db, 'violet-harbor-42', { loginId: 'sectest_e' });
    const first = (await login('sectest_e', 'violet-harbor-42')).json().accessToken;
    const second = (await login('sectest_e', 'violet-harbor-42')).json().accessToken;
    expect((await me(first)).statusCode).toBe(200);

    expect((await changePassword(id, first, 'violet-harbor-42', 'amber-canal-17')).statusCode).toBe(204);
    // Same second as the change: a 1-second `iat` could not tell these apart, the token version does.
    const after = await login('sectest_e', 'amber-canal-17');
    expect(after.statusCode).toBe(200);
    expect((await me(after.json().accessToken)).statusCode).toBe(200);
    for (const old of [first, second]) expect((await me(old)).statusCode).toBe(401);
    expect((await login('sectest_e', 'violet-harbor-42')).statusCode).toBe(401);
  });

  test('a wrong current password spends the login budget: then even the right one is 429', async () => {
    const id = await createSellerWithPassword(ctx.db, 'violet-harbor-42', { loginId: 'sectest_f' });
    const token = (await login('sectest_f', 'violet-harbor-42')).json().accessToken;
    for (let i = 0; i < LOGIN_ATTEMPTS_PER_WINDOW; i++) {
      expect((await changePassword(id, token, `wrong-guess-${i}`, 'amber-canal-17')).statusCode).toBe(401);
    }
    const limited = await changePassword(id, token, 'violet-harbor-42', 'amber-canal-17');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    expect((await login('sectest_f', 'violet-harbor-42')).statusCode).toBe(429);
    const row = await ctx.db.selectFrom('sellers').select('password_hash').where('id', '=', id).executeTakeFirstOrThrow();
    expect(await verifyPassword('violet-harbor-42', row.password_hash)).toBe(true);
  });

  test.each([
    ['contains the login id', 'sectest_g1', 'xSectest_G1-2024', 'must not contain the login id'],
    ['is a common password', 'sectest_g2', 'password123', 'is too common (found in lists of breached passwords)'],
  ])('a new password that %s is 400 naming newPassword', async (_label, loginId, newPassword, message) => {
    const id = await createSellerWithPassword(ctx.db, 'violet-harbor-42', { loginId });
    const token = (await login(loginId, 'violet-harbor-42')).json().accessToken;
    const res = await changePassword(id, token, 'violet-harbor-42', newPassword);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'newPassword', message }] });
    expect((await me(token)).statusCode).toBe(200);
  });
});
