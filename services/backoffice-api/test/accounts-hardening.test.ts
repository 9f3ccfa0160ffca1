import { hashPasswordScryptLegacy, verifyPassword } from '@brandi/db';
import { ConfigError, DEFAULT_LOGIN_THROTTLE_LIMITS, LOGIN_ATTEMPTS_PER_WINDOW } from '@brandi/http';
import { buildApp } from '../src/app.js';
import { loadBackofficeApiConfig } from '../src/config.js';
import { startTestApp, testConfig, type TestContext } from './harness.js';
import { createSeller, createSellerWithPassword } from './sellers.fixtures.js';

// Attacks from the hardening review (issue 10, items 1-3 and 5), performed against the back office.

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(() => ctx.close());

let ipCounter = 0;
const freshIp = () => `10.77.${Math.floor(ipCounter / 250)}.${(ipCounter++ % 250) + 1}`;
const login = (loginId: string, password: string, ip = freshIp(), headers: Record<string, string> = {}, app = ctx.app) =>
  app.inject({ method: 'POST', url: '/auth/login', payload: { loginId, password }, remoteAddress: ip, headers });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const me = (token: string) => ctx.app.inject({ method: 'GET', url: '/auth/me', headers: bearer(token) });
const changePassword = (id: number, token: string, currentPassword: string, newPassword: string, ip = freshIp()) =>
  ctx.app.inject({ method: 'PUT', url: `/sellers/${id}/password`, payload: { currentPassword, newPassword }, headers: bearer(token), remoteAddress: ip });

describe('login budget per account (item 1)', () => {
  test('after 10 wrong tries no other spelling of the id gets in, and the right password is 429', async () => {
    await createSellerWithPassword(ctx.db, 'violet-harbor-42', { loginId: 'sectest_a' });
    const spellings = ['sectest_a ', 'séctest_a', 'ｓｅｃｔｅｓｔ_ａ', 'SECTEST_A'];
    // Other spellings are unknown ids: the right password does not open the account through them.
    for (const spelling of spellings) expect((await login(spelling, 'violet-harbor-42')).statusCode).toBe(401);

    for (let i = 0; i < LOGIN_ATTEMPTS_PER_WINDOW; i++) expect((await login('sectest_a', `wrong-guess-${i}`)).statusCode).toBe(401);
    for (const spelling of spellings) expect([401, 429]).toContain((await login(spelling, 'violet-harbor-42')).statusCode);
    const locked = await login('sectest_a', 'violet-harbor-42');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('RATE_LIMITED');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
  });

  test('successful logins do not spend the budget', async () => {
    await createSellerWithPassword(ctx.db, 'violet-harbor-42', { loginId: 'sectest_b' });
    for (let i = 0; i < LOGIN_ATTEMPTS_PER_WINDOW - 1; i++) expect((await login('sectest_b', 'wrong-guess')).statusCode).toBe(401);
    for (let i = 0; i < 5; i++) expect((await login('sectest_b', 'violet-harbor-42')).statusCode).toBe(200);
    expect((await login('sectest_b', 'wrong-guess')).statusCode).toBe(401);
    expect((await login('sectest_b', 'violet-harbor-42')).statusCode).toBe(429);
  });

  test('concurrent guesses cannot slip past the budget', async () => {
    await createSellerWithPassword(ctx.db, 'violet-harbor-42', { loginId: 'sectest_c' });
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => login('sectest_c', `guess-${i}`)));
    expect(results.filter((r) => r.statusCode === 401)).toHaveLength(LOGIN_ATTEMPTS_PER_WINDOW);
    expect(results.filter((r) => r.statusCode === 429)).toHaveLength(30 - LOGIN_ATTEMPTS_PER_WINDOW);
  });

  test('one client gets 50 failures across all ids; X-Forwarded-For does not escape it without TRUST_PROXY', async () => {
    const { max } = DEFAULT_LOGIN_THROTTLE_LIMITS.perClient;
    const ip = freshIp();
    for (let i = 0; i < max; i++) {
      const res = await login(`nobody_${i}`, 'wrong-guess', ip, { 'x-forwarded-for': `203.0.113.${i + 1}` });
      expect(res.statusCode).toBe(401);
    }
    expect((await login('nobody_new', 'wrong-guess', ip, { 'x-forwarded-for': '198.51.100.7' })).statusCode).toBe(429);
    expect((await login('nobody_new', 'wrong-guess')).statusCode).toBe(401);
  });

  test('with TRUST_PROXY, two clients behind the proxy have separate budgets', async () => {
    const proxied = await buildApp({ config: testConfig(ctx.s3, ctx.config.DATABASE_URL, { TRUST_PROXY: '10.88.0.1' }), db: ctx.db, store: ctx.s3.store });
    try {
      const { max } = DEFAULT_LOGIN_THROTTLE_LIMITS.perClient;
      const viaProxy = (loginId: string, client: string) => login(loginId, 'wrong-guess', '10.88.0.1', { 'x-forwarded-for': client }, proxied);
      for (let i = 0; i < max; i++) expect((await viaProxy(`ghost_${i}`, '192.0.2.10')).statusCode).toBe(401);
      expect((await viaProxy('ghost_more', '192.0.2.10')).statusCode).toBe(429);
      expect((await viaProxy('ghost_more', '192.0.2.20')).statusCode).toBe(401);
    } finally {
      await proxied.close();
    }
  });

  test('the login response is never cached', async () => {
    await createSellerWithPassword(ctx.db, 'violet-harbor-42', { loginId: 'sectest_d' });
    const res = await login('sectest_d', 'violet-harbor-42');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
  });
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

describe('signups (items 3 and 5)', () => {
  const signupBody = (tag: string, password = 'violet-harbor-42') => ({
    loginId: `signup_${tag}`,
    password,
    nameKo: `가입${tag}`,
    nameEn: `Signup ${tag}`,
    attributeId: 4,
    csPhone: '02-123-4567',
    siteUrl: 'https://shop.example.com',
    managerPhone: '010-1234-5678',
  });
  const signup = (payload: object, ip: string) => ctx.app.inject({ method: 'POST', url: '/auth/signup', payload, remoteAddress: ip });

  test.each([
    ['contains the login id', 'my-signup_weak1-pw', 'must not contain the login id'],
    ['is a common password', 'qwerty123', 'is too common (found in lists of breached passwords)'],
  ])('a password that %s is 400 naming password', async (_label, password, message) => {
    const res = await signup(signupBody('weak1', password), freshIp());
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'password', message }] });
  });

  test('one client may sign up 20 times per window; another client is not held back', async () => {
    const { max } = DEFAULT_LOGIN_THROTTLE_LIMITS.signupsPerClient;
    const ip = freshIp();
    for (let i = 0; i < max; i++) expect((await signup(signupBody(`r${i}`), ip)).statusCode).toBe(201);
    const limited = await signup(signupBody('rmore'), ip);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await signup(signupBody('rmore'), freshIp())).statusCode).toBe(201);
  });
});

describe('password hashes (item 5)', () => {
  test('an old scrypt hash still logs in, and the stored hash becomes argon2id', async () => {
    const id = await createSeller(ctx.db, { loginId: 'sectest_h', passwordHash: await hashPasswordScryptLegacy('violet-harbor-42') });
    const res = await login('sectest_h', 'violet-harbor-42');
    expect(res.statusCode).toBe(200);
    const row = await ctx.db.selectFrom('sellers').select('password_hash').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect((await me(res.json().accessToken)).statusCode).toBe(200);
    expect((await login('sectest_h', 'violet-harbor-42')).statusCode).toBe(200);
    expect((await login('sectest_h', 'violet-harbor-43')).statusCode).toBe(401);
  });
});

test.each([
  ['.env.example', 'replace-me-with-at-least-32-random-characters'],
  ['the old docker-compose.yml', 'change-me-backoffice-api-secret-at-least-32-chars'],
])('the service refuses to boot with the JWT secret of %s', (_file, JWT_SECRET) => {
  let error: unknown;
  try {
    loadBackofficeApiConfig({ PORT: '3000', DATABASE_URL: ctx.config.DATABASE_URL, S3_BUCKET: 'b', S3_PUBLIC_URL: 'http://x', JWT_SECRET });
  } catch (err) {
    error = err;
  }
  expect(error).toBeInstanceOf(ConfigError);
  expect((error as ConfigError).problems).toEqual([{ variable: 'JWT_SECRET', reason: expect.stringContaining('placeholder') }]);
});
