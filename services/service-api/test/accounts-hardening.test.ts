import { hashPassword, hashPasswordScryptLegacy, sql } from '@brandi/db';
import { ConfigError, DEFAULT_LOGIN_THROTTLE_LIMITS, LOGIN_ATTEMPTS_PER_WINDOW } from '@brandi/http';
import { buildApp } from '../src/app.js';
import { loadServiceApiConfig } from '../src/config.js';
import { startTestApp, testConfig, type TestContext } from './harness.js';

// Attacks from the hardening review (issue 10, items 1-3 and 5), performed against the shopper API.

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(() => ctx.close());

let ipCounter = 0;
const freshIp = () => `10.66.${Math.floor(ipCounter / 250)}.${(ipCounter++ % 250) + 1}`;
const login = (loginId: string, password: string, ip = freshIp(), headers: Record<string, string> = {}, app = ctx.app) =>
  app.inject({ method: 'POST', url: '/auth/login', payload: { loginId, password }, remoteAddress: ip, headers });
const myQuestions = (token: string) => ctx.app.inject({ method: 'GET', url: '/me/questions', headers: { authorization: `Bearer ${token}` } });

async function createShopper(loginId: string, passwordHash: Promise<string>): Promise<number> {
  const result = await ctx.db.insertInto('shoppers').values({ login_id: loginId, password_hash: await passwordHash, name: '쇼퍼', email: null, phone: null }).executeTakeFirstOrThrow();
  return Number(result.insertId);
}

test('after 10 wrong tries no other spelling of the id gets in, and the right password is 429', async () => {
  await createShopper('sectest_a', hashPassword('violet-harbor-42'));
  const spellings = ['sectest_a ', 'séctest_a', 'ｓｅｃｔｅｓｔ_ａ', 'SECTEST_A'];
  for (const spelling of spellings) expect((await login(spelling, 'violet-harbor-42')).statusCode).toBe(401);
  for (let i = 0; i < LOGIN_ATTEMPTS_PER_WINDOW; i++) expect((await login('sectest_a', `wrong-guess-${i}`)).statusCode).toBe(401);
  for (const spelling of spellings) expect([401, 429]).toContain((await login(spelling, 'violet-harbor-42')).statusCode);
  const locked = await login('sectest_a', 'violet-harbor-42');
  expect(locked.statusCode).toBe(429);
  expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
});

test('successful logins do not spend the budget; the token response is never cached', async () => {
  await createShopper('sectest_b', hashPassword('violet-harbor-42'));
  for (let i = 0; i < LOGIN_ATTEMPTS_PER_WINDOW - 1; i++) expect((await login('sectest_b', 'wrong-guess')).statusCode).toBe(401);
  for (let i = 0; i < 5; i++) {
    const ok = await login('sectest_b', 'violet-harbor-42');
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['cache-control']).toBe('no-store');
  }
  expect((await login('sectest_b', 'wrong-guess')).statusCode).toBe(401);
  expect((await login('sectest_b', 'violet-harbor-42')).statusCode).toBe(429);
});

test('X-Forwarded-For is ignored without TRUST_PROXY; with it, clients behind the proxy have separate budgets', async () => {
  const { max } = DEFAULT_LOGIN_THROTTLE_LIMITS.perClient;
  const direct = freshIp();
  for (let i = 0; i < max; i++) expect((await login(`nobody_${i}`, 'wrong-guess', direct, { 'x-forwarded-for': `203.0.113.${i + 1}` })).statusCode).toBe(401);
  expect((await login('nobody_new', 'wrong-guess', direct, { 'x-forwarded-for': '198.51.100.7' })).statusCode).toBe(429);

  const proxied = await buildApp({ config: testConfig(ctx.s3, ctx.config.DATABASE_URL, { TRUST_PROXY: '10.99.0.0/16' }), db: ctx.db, store: ctx.s3.store });
  try {
    const viaProxy = (loginId: string, client: string) => login(loginId, 'wrong-guess', '10.99.0.1', { 'x-forwarded-for': client }, proxied);
    for (let i = 0; i < max; i++) expect((await viaProxy(`ghost_${i}`, '192.0.2.10')).statusCode).toBe(401);
    expect((await viaProxy('ghost_more', '192.0.2.10')).statusCode).toBe(429);
    expect((await viaProxy('ghost_more', '192.0.2.20')).statusCode).toBe(401);
  } finally {
    await proxied.close();
  }
});

test('a token from before a password change (token_version bumped) is 401; a new one works', async () => {
  const id = await createShopper('sectest_c', hashPassword('violet-harbor-42'));
  const before = (await login('sectest_c', 'violet-harbor-42')).json().accessToken;
  expect((await myQuestions(before)).statusCode).toBe(200);
  // What a password change does to the account (the shopper API has no change route yet).
  await ctx.db.updateTable('shoppers').set({ password_hash: await hashPassword('amber-canal-17'), token_version: sql<number>`token_version + 1` }).where('id', '=', id).execute();
  expect((await myQuestions(before)).statusCode).toBe(401);
  const after = (await login('sectest_c', 'amber-canal-17')).json().accessToken;
  expect((await myQuestions(after)).statusCode).toBe(200);
});

test('an old scrypt hash still logs in, and the stored hash becomes argon2id', async () => {
  const id = await createShopper('sectest_d', hashPasswordScryptLegacy('violet-harbor-42'));
  const res = await login('sectest_d', 'violet-harbor-42');
  expect(res.statusCode).toBe(200);
  const row = await ctx.db.selectFrom('shoppers').select('password_hash').where('id', '=', id).executeTakeFirstOrThrow();
  expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  expect((await login('sectest_d', 'violet-harbor-42')).statusCode).toBe(200);
  expect((await login('sectest_d', 'violet-harbor-43')).statusCode).toBe(401);
});

describe('signup', () => {
  const signup = (loginId: string, password: string, ip: string) =>
    ctx.app.inject({ method: 'POST', url: '/auth/signup', payload: { loginId, password, name: '쇼퍼' }, remoteAddress: ip });

  test.each([
    ['contains the login id', 'Sectest_e-2024', 'must not contain the login id'],
    ['is a common password', 'password1', 'is too common (found in lists of breached passwords)'],
  ])('a password that %s is 400 naming password', async (_label, password, message) => {
    const res = await signup('sectest_e', password, freshIp());
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'password', message }] });
  });

  test('one client may sign up 20 times per window; another client is not held back', async () => {
    const { max } = DEFAULT_LOGIN_THROTTLE_LIMITS.signupsPerClient;
    const ip = freshIp();
    for (let i = 0; i < max; i++) expect((await signup(`signup_${i}`, 'violet-harbor-42', ip)).statusCode).toBe(201);
    const limited = await signup('signup_more', 'violet-harbor-42', ip);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    expect((await signup('signup_more', 'violet-harbor-42', freshIp())).statusCode).toBe(201);
  });
});

test.each([
  ['.env.example', 'replace-me-with-at-least-32-random-characters'],
  ['the old docker-compose.yml', 'change-me-service-api-secret-at-least-32-chars'],
])('the service refuses to boot with the JWT secret of %s', (_file, JWT_SECRET) => {
  let error: unknown;
  try {
    loadServiceApiConfig({ PORT: '3000', DATABASE_URL: ctx.config.DATABASE_URL, S3_BUCKET: 'b', S3_PUBLIC_URL: 'http://x', JWT_SECRET });
  } catch (err) {
    error = err;
  }
  expect(error).toBeInstanceOf(ConfigError);
  expect((error as ConfigError).problems).toEqual([{ variable: 'JWT_SECRET', reason: expect.stringContaining('placeholder') }]);
});
