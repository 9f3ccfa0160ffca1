import { createHmac } from 'node:crypto';
import { createTokenService, TOKEN_ISSUER } from '@brandi/http';
import { SELLER_TOKEN_AUDIENCE } from '../src/plugins/auth.js';
import { startTestApp, TEST_JWT_SECRET, type TestContext } from './harness.js';

let ctx: TestContext;
let sellerId: number;
beforeAll(async () => {
  ctx = await startTestApp();
  const r = await ctx.db
    .insertInto('sellers')
    .values({
      login_id: 'token_owner',
      password_hash: 'x',
      role: 'admin',
      status: 'active',
      attribute_id: null,
      name_ko: '토큰',
      name_en: 'token',
    })
    .executeTakeFirstOrThrow();
  sellerId = Number(r.insertId);
});
afterAll(() => ctx.close());

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function forge(header: Record<string, unknown>, payload: Record<string, unknown>, secret: string | null): string {
  const unsigned = `${b64(header)}.${b64(payload)}`;
  return `${unsigned}.${secret === null ? '' : createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

function claims(overrides: Record<string, unknown> = {}) {
  const now = Math.floor(Date.now() / 1000);
  return { sub: String(sellerId), role: 'admin', aud: SELLER_TOKEN_AUDIENCE, iss: TOKEN_ISSUER, iat: now, exp: now + 600, ...overrides };
}

const PUBLIC = new Set(['/auth/signup', '/auth/login', '/health/live', '/health/ready']);

test('forged, expired and other-service tokens are 401 on every authenticated route', async () => {
  const doc = (await ctx.app.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, Record<string, unknown>> };
  const shopperTokens = createTokenService({
    secret: TEST_JWT_SECRET,
    audience: 'brandi-service-api',
    issuer: TOKEN_ISSUER,
    ttlSeconds: 600,
  });
  const tampered = (() => {
    const [h, , s] = forge({ alg: 'HS256' }, claims(), TEST_JWT_SECRET).split('.');
    return `${h}.${b64(claims({ sub: '999' }))}.${s}`;
  })();
  const badTokens = {
    'alg none': forge({ alg: 'none', typ: 'JWT' }, claims(), null),
    'service-api audience': (await shopperTokens.sign({ sub: String(sellerId), role: 'admin' })).accessToken,
    expired: forge({ alg: 'HS256' }, claims({ iat: 1000, exp: 2000 }), TEST_JWT_SECRET),
    'tampered payload': tampered,
    'wrong secret': forge({ alg: 'HS256' }, claims(), 'another-secret-0123456789abcdefghijkl'),
  };
  const valid = forge({ alg: 'HS256' }, claims(), TEST_JWT_SECRET);
  const routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
    PUBLIC.has(path) || path.startsWith('/docs')
      ? []
      : Object.keys(ops).map((method) => ({ method: method.toUpperCase(), url: path.replace(/\{[^}]+\}/g, '1') })),
  );
  expect(routes.length).toBeGreaterThan(5);
  const wrong: string[] = [];
  for (const route of routes) {
    for (const [name, token] of Object.entries(badTokens)) {
      const res = await ctx.app.inject({ method: route.method as 'GET', url: route.url, headers: { authorization: `Bearer ${token}` } });
      if (res.statusCode !== 401 || res.json().error.code !== 'UNAUTHENTICATED')
        wrong.push(`${route.method} ${route.url} with ${name}: ${res.statusCode}`);
    }
  }
  expect(wrong).toEqual([]);
  // The same claims, properly signed, get through (so the 401s above are about the token, not the route).
  const me = await ctx.app.inject({ method: 'GET', url: '/auth/me', headers: { authorization: `Bearer ${valid}` } });
  expect(me.statusCode).toBe(200);
});

test('signup and login never read the caller: a bad token there is ignored (treated as anonymous)', async () => {
  const headers = { authorization: `Bearer ${forge({ alg: 'HS256' }, claims({ iat: 1000, exp: 2000 }), TEST_JWT_SECRET)}` };
  const signup = await ctx.app.inject({ method: 'POST', url: '/auth/signup', headers, payload: {} });
  expect([signup.statusCode, signup.json().error.code]).toEqual([400, 'VALIDATION_FAILED']);
  const login = await ctx.app.inject({ method: 'POST', url: '/auth/login', headers, payload: { loginId: 'token_owner' } });
  expect([login.statusCode, login.json().error.code]).toEqual([400, 'VALIDATION_FAILED']);
});
