import { hashPassword, hashPasswordScryptLegacy, type AccountTable, type Db } from '@brandi/db';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { InjectOptions } from 'fastify';
import { ConfigError } from '../config.js';
import { PUBLISHED_PLACEHOLDER_SECRETS } from '../env.js';
import { DEFAULT_LOGIN_THROTTLE_LIMITS, LOGIN_ATTEMPTS_PER_WINDOW } from '../login-rate-limit.js';
import type { Service } from '../service/define-service.js';
import type { ServiceConfig } from '../service/service-config.js';
import { startTestApp, testConfig, type TestContext } from './harness.js';

export interface PasswordAccountsFixture {
  table: AccountTable;
  /** Writes an active account with this password hash (through a repository, not the API under test). */
  createAccount(db: Db, loginId: string, passwordHash: string): Promise<number>;
  /** A signup body (with `loginId`) that passes every rule but the password's; unique per tag. */
  signupBody(tag: string, password: string): Record<string, unknown>;
  /** A route only a signed-in account may call (200 with a good token). */
  signedInRequest: Pick<InjectOptions, 'method' | 'url'>;
}

/**
 * Attacks on the password routes (passwordAuthRoutes) from the hardening review (issue 10, items 1-5), run by
 * each service against itself: the per-account and per-client budgets, exact ids, proxies, no-store, old hash
 * formats, the signup policy and budget, and the published JWT secrets.
 */
export function passwordAccountsSuite<C extends ServiceConfig>(service: Service<C>, accounts: PasswordAccountsFixture): void {
  let ctx: TestContext<C>;
  beforeAll(async () => {
    ctx = await startTestApp(service);
  });
  afterAll(() => ctx.close());

  let ipCounter = 0;
  const freshIp = () => `10.66.${Math.floor(ipCounter / 250)}.${(ipCounter++ % 250) + 1}`;
  const login = (loginId: string, password: string, ip = freshIp(), headers: Record<string, string> = {}, app = ctx.app) =>
    app.inject({ method: 'POST', url: '/auth/login', payload: { loginId, password }, remoteAddress: ip, headers });
  const signedIn = (token: string) => ctx.app.inject({ ...accounts.signedInRequest, headers: { authorization: `Bearer ${token}` } });
  const createAccount = async (loginId: string, passwordHash: Promise<string>) =>
    accounts.createAccount(ctx.db, loginId, await passwordHash);

  describe('login budget per account', () => {
    test('after 10 wrong tries no other spelling of the id gets in, and the right password is 429', async () => {
      await createAccount('sectest_a', hashPassword('violet-harbor-42'));
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

    test('successful logins do not spend the budget; the token response is never cached', async () => {
      await createAccount('sectest_b', hashPassword('violet-harbor-42'));
      for (let i = 0; i < LOGIN_ATTEMPTS_PER_WINDOW - 1; i++) expect((await login('sectest_b', 'wrong-guess')).statusCode).toBe(401);
      for (let i = 0; i < 5; i++) {
        const ok = await login('sectest_b', 'violet-harbor-42');
        expect(ok.statusCode).toBe(200);
        expect(ok.headers['cache-control']).toBe('no-store');
      }
      expect((await login('sectest_b', 'wrong-guess')).statusCode).toBe(401);
      expect((await login('sectest_b', 'violet-harbor-42')).statusCode).toBe(429);
    });

    test('concurrent guesses cannot slip past the budget', async () => {
      await createAccount('sectest_c', hashPassword('violet-harbor-42'));
      const results = await Promise.all(Array.from({ length: 30 }, (_, i) => login('sectest_c', `guess-${i}`)));
      expect(results.filter((r) => r.statusCode === 401)).toHaveLength(LOGIN_ATTEMPTS_PER_WINDOW);
      expect(results.filter((r) => r.statusCode === 429)).toHaveLength(30 - LOGIN_ATTEMPTS_PER_WINDOW);
    });
  });

  describe('login budget per client', () => {
    test('one client gets 50 failures across all ids; X-Forwarded-For does not escape it without TRUST_PROXY', async () => {
      const { max } = DEFAULT_LOGIN_THROTTLE_LIMITS.perClient;
      const ip = freshIp();
      for (let i = 0; i < max; i++)
        expect((await login(`nobody_${i}`, 'wrong-guess', ip, { 'x-forwarded-for': `203.0.113.${i + 1}` })).statusCode).toBe(401);
      expect((await login('nobody_new', 'wrong-guess', ip, { 'x-forwarded-for': '198.51.100.7' })).statusCode).toBe(429);
      expect((await login('nobody_new', 'wrong-guess')).statusCode).toBe(401);
    });

    test('with TRUST_PROXY, two clients behind the proxy have separate budgets', async () => {
      const config = testConfig(service, ctx.s3, ctx.config.DATABASE_URL, { TRUST_PROXY: '10.99.0.0/16' });
      const proxied = await service.buildApp({ config, db: ctx.db, store: ctx.s3.store });
      try {
        const { max } = DEFAULT_LOGIN_THROTTLE_LIMITS.perClient;
        const viaProxy = (loginId: string, client: string) =>
          login(loginId, 'wrong-guess', '10.99.0.1', { 'x-forwarded-for': client }, proxied);
        for (let i = 0; i < max; i++) expect((await viaProxy(`ghost_${i}`, '192.0.2.10')).statusCode).toBe(401);
        expect((await viaProxy('ghost_more', '192.0.2.10')).statusCode).toBe(429);
        expect((await viaProxy('ghost_more', '192.0.2.20')).statusCode).toBe(401);
      } finally {
        await proxied.close();
      }
    });
  });

  test('an old scrypt hash still logs in, and the stored hash becomes argon2id', async () => {
    const id = await createAccount('sectest_h', hashPasswordScryptLegacy('violet-harbor-42'));
    const res = await login('sectest_h', 'violet-harbor-42');
    expect(res.statusCode).toBe(200);
    const row = await ctx.db.selectFrom(accounts.table).select('password_hash').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect((await signedIn(res.json().accessToken)).statusCode).toBe(200);
    expect((await login('sectest_h', 'violet-harbor-42')).statusCode).toBe(200);
    expect((await login('sectest_h', 'violet-harbor-43')).statusCode).toBe(401);
  });

  describe('signup', () => {
    const signup = (tag: string, password: string, ip: string) =>
      ctx.app.inject({ method: 'POST', url: '/auth/signup', payload: accounts.signupBody(tag, password), remoteAddress: ip });

    test.each([
      ['contains the login id', (loginId: string) => `my-${loginId}-pw`, 'must not contain the login id'],
      ['is a common password', () => 'qwerty123', 'is too common (found in lists of breached passwords)'],
    ])('a password that %s is 400 naming password', async (_label, passwordFor, message) => {
      const loginId = String(accounts.signupBody('weak1', '').loginId);
      const res = await signup('weak1', passwordFor(loginId), freshIp());
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'password', message }] });
    });

    test('one client may sign up 20 times per window; another client is not held back', async () => {
      const { max } = DEFAULT_LOGIN_THROTTLE_LIMITS.signupsPerClient;
      const ip = freshIp();
      for (let i = 0; i < max; i++) expect((await signup(`r${i}`, 'violet-harbor-42', ip)).statusCode).toBe(201);
      const limited = await signup('rmore', 'violet-harbor-42', ip);
      expect(limited.statusCode).toBe(429);
      expect(limited.json().error.code).toBe('RATE_LIMITED');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect((await signup('rmore', 'violet-harbor-42', freshIp())).statusCode).toBe(201);
    });
  });

  test.each(PUBLISHED_PLACEHOLDER_SECRETS.map((secret) => [secret]))(
    'the service refuses to boot with the published JWT secret %s',
    (JWT_SECRET) => {
      let error: unknown;
      try {
        service.loadConfig({ PORT: '3000', DATABASE_URL: ctx.config.DATABASE_URL, S3_BUCKET: 'b', S3_PUBLIC_URL: 'http://x', JWT_SECRET });
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([{ variable: 'JWT_SECRET', reason: expect.stringContaining('placeholder') }]);
    },
  );
}
