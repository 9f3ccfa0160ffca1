import { createHmac } from 'node:crypto';
import { hashPassword } from '@brandi/db';
import { createTokenService, LOGIN_ATTEMPTS_PER_WINDOW, TOKEN_ISSUER } from '@brandi/http';
import { SHOPPER_TOKEN_AUDIENCE } from '../src/plugins/auth.js';
import { createProduct, createSeller, createShopper } from '@brandi/db/testing';
import { startTestApp, TEST_JWT_SECRET, type TestContext } from './harness.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(() => ctx.close());

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A hand-made JWT, so tests can forge what a real client library would refuse to produce. */
function forgeJwt(header: object, payload: object, secret: string | null): string {
  const unsigned = `${b64(header)}.${b64(payload)}`;
  const signature = secret === null ? '' : createHmac('sha256', secret).update(unsigned).digest('base64url');
  return `${unsigned}.${signature}`;
}

const claims = (overrides: object = {}) => {
  const now = Math.floor(Date.now() / 1000);
  return { sub: '1', role: 'shopper', aud: SHOPPER_TOKEN_AUDIENCE, iss: TOKEN_ISSUER, iat: now, exp: now + 600, ...overrides };
};

describe('signup and login', () => {
  const signup = (payload: object) => ctx.app.inject({ method: 'POST', url: '/auth/signup', payload });
  const login = (payload: object, ip = '10.0.0.1') => ctx.app.inject({ method: 'POST', url: '/auth/login', payload, remoteAddress: ip });

  test('signup → 201 {id}; the password is stored hashed; a duplicate login id → 409', async () => {
    const res = await signup({ loginId: 'new_shopper', password: 'violet-harbor-42', name: '김쇼퍼', email: 'a@b.co' });
    expect(res.statusCode).toBe(201);
    const { id } = res.json();
    expect(res.json()).toEqual({ id: expect.any(Number) });
    const row = await ctx.db.selectFrom('shoppers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    const again = await signup({ loginId: 'new_shopper', password: 'amber-canal-17', name: 'x' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'CONFLICT', details: [{ field: 'loginId', message: 'is taken' }] });
  });

  test.each([
    ['loginId', { loginId: 'ab', password: 'secret123', name: 'x' }],
    ['loginId', { loginId: 'Upper_Case', password: 'secret123', name: 'x' }],
    ['password', { loginId: 'valid_id', password: 'short1', name: 'x' }],
    ['password', { loginId: 'valid_id', password: 'lettersonly', name: 'x' }],
    ['password', { loginId: 'valid_id', password: '1234567890', name: 'x' }],
    ['name', { loginId: 'valid_id', password: 'secret123', name: '' }],
    ['email', { loginId: 'valid_id', password: 'secret123', name: 'x', email: 'nope' }],
    ['role', { loginId: 'valid_id', password: 'secret123', name: 'x', role: 'admin' }],
    ['password', { loginId: 'valid_id', password: `a1${'x'.repeat(100_000)}`, name: 'x' }],
  ])('signup with a bad %s → 400 naming it', async (field, payload) => {
    const res = await signup(payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });

  test('login gives a shopper token; a wrong password and an unknown id get the same 401', async () => {
    await ctx.db
      .insertInto('shoppers')
      .values({ login_id: 'login_me', password_hash: await hashPassword('secret123'), name: 'x', email: null, phone: null })
      .execute();
    const ok = await login({ loginId: 'login_me', password: 'secret123' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ accessToken: expect.any(String), expiresIn: ctx.config.JWT_TTL_SECONDS });
    const me = await ctx.app.inject({ method: 'GET', url: '/me/questions', headers: { authorization: `Bearer ${ok.json().accessToken}` } });
    expect(me.statusCode).toBe(200);

    const wrong = await login({ loginId: 'login_me', password: 'secret124' });
    const unknown = await login({ loginId: 'nobody_here', password: 'secret123' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
  });

  test('login is rate limited per login id whatever the address → 429 with retry-after', async () => {
    for (let i = 0; i < LOGIN_ATTEMPTS_PER_WINDOW; i++) {
      expect((await login({ loginId: 'limited_id', password: 'wrong' }, `10.0.9.${i}`)).statusCode).toBe(401);
    }
    const limited = await login({ loginId: 'limited_id', password: 'wrong' }, '10.0.0.9');
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json()).toEqual({ error: { code: 'RATE_LIMITED', message: expect.any(String) } });
    // Another login id from the same address is not held back.
    expect((await login({ loginId: 'other_id', password: 'wrong' }, '10.0.0.9')).statusCode).toBe(401);
  });
});

describe('tokens', () => {
  let productId: number;
  beforeAll(async () => {
    productId = await createProduct(ctx.db, await createSeller(ctx.db));
  });
  // GET /products/:id/questions reads the caller when a token is sent (isMine); /question-types never does.
  const questionsAs = (authorization?: string) =>
    ctx.app.inject({
      method: 'GET',
      url: `/products/${productId}/questions`,
      headers: authorization === undefined ? {} : { authorization },
    });
  const publicRoutesAs = (authorization: string) =>
    Promise.all(
      ['/question-types', '/categories', '/products', `/products/${productId}`, '/sellers'].map(async (url) => {
        const res = await ctx.app.inject({ method: 'GET', url, headers: { authorization } });
        return `${url} ${res.statusCode}`;
      }),
    );
  const PUBLIC_OK = [
    '/question-types 200',
    '/categories 200',
    '/products 200',
    expect.stringMatching(/^\/products\/\d+ 200$/),
    '/sellers 200',
  ];

  test('no token on a route that reads the caller is anonymous', async () => {
    expect((await questionsAs()).statusCode).toBe(200);
  });

  test('a valid shopper token is accepted', async () => {
    const shopperId = await createShopper(ctx.db);
    expect(
      (await questionsAs(`Bearer ${forgeJwt({ alg: 'HS256', typ: 'JWT' }, claims({ sub: String(shopperId) }), TEST_JWT_SECRET)}`))
        .statusCode,
    ).toBe(200);
  });

  const BAD_TOKENS: [string, () => string][] = [
    ['expired', () => forgeJwt({ alg: 'HS256' }, claims({ iat: 1000, exp: 2000 }), TEST_JWT_SECRET)],
    ['signed with another secret', () => forgeJwt({ alg: 'HS256' }, claims(), 'some-other-secret-0123456789abcdefghij')],
    ['alg none', () => forgeJwt({ alg: 'none', typ: 'JWT' }, claims(), null)],
    ['a role other than shopper', () => forgeJwt({ alg: 'HS256' }, claims({ role: 'admin' }), TEST_JWT_SECRET)],
    [
      'tampered payload',
      () => {
        const [h, , s] = forgeJwt({ alg: 'HS256' }, claims(), TEST_JWT_SECRET).split('.');
        return `${h}.${b64(claims({ sub: '2' }))}.${s}`;
      },
    ],
    ['garbage', () => 'not.a.jwt'],
  ];

  test.each(BAD_TOKENS)('%s → 401 where the caller is read, ignored on catalogue reads', async (_label, token) => {
    const res = await questionsAs(`Bearer ${token()}`);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
    expect(
      (await ctx.app.inject({ method: 'GET', url: '/me/questions', headers: { authorization: `Bearer ${token()}` } })).statusCode,
    ).toBe(401);
    expect(await publicRoutesAs(`Bearer ${token()}`)).toEqual(PUBLIC_OK);
  });

  test('a back-office token (other audience) → 401 where the caller is read, ignored on catalogue reads', async () => {
    const backoffice = createTokenService({
      secret: TEST_JWT_SECRET,
      audience: 'brandi-backoffice-api',
      issuer: TOKEN_ISSUER,
      ttlSeconds: 600,
    });
    const { accessToken } = await backoffice.sign({ sub: '1', role: 'seller' });
    expect((await questionsAs(`Bearer ${accessToken}`)).statusCode).toBe(401);
    expect(await publicRoutesAs(`Bearer ${accessToken}`)).toEqual(PUBLIC_OK);
  });

  test('a malformed Authorization header → 401 where the caller is read, ignored on catalogue reads', async () => {
    expect((await questionsAs('Basic abc')).statusCode).toBe(401);
    expect(await publicRoutesAs('Basic abc')).toEqual(PUBLIC_OK);
  });

  test('routes that need a shopper are 401 without a token', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/me/questions' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toEqual({ code: 'UNAUTHENTICATED', message: 'Sign in to do this' });
  });
});
