import { LOGIN_ATTEMPTS_PER_WINDOW } from '@brandi/http';
import { startTestApp, type TestContext } from './harness.js';
import { bearerFor, createSeller, createSellerWithPassword, sellerSignupBody as signupBody } from './sellers.fixtures.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(() => ctx.close());

const signup = (payload: object) => ctx.app.inject({ method: 'POST', url: '/auth/signup', payload });
const login = (loginId: string, password: string, ip = '10.0.0.1') =>
  ctx.app.inject({ method: 'POST', url: '/auth/login', payload: { loginId, password }, remoteAddress: ip });

test('signup creates a pending seller with version 1 of its line history', async () => {
  const res = await signup(signupBody('a1'));
  expect(res.statusCode).toBe(201);
  const { id } = res.json();
  const seller = await ctx.db.selectFrom('sellers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  expect(seller).toMatchObject({ status: 'pending', role: 'seller', attribute_id: 4, name_ko: '가게a1', manager_phone: '010-1234-5678' });
  expect(seller.password_hash).toMatch(/^\$argon2id\$/);
  const revisions = await ctx.db.selectFrom('seller_revisions').selectAll().where('seller_id', '=', id).execute();
  expect(revisions).toHaveLength(1);
  expect(revisions[0]).toMatchObject({ version: 1, valid_to: null, changed_by: id });
  expect(revisions[0].snapshot).toMatchObject({ loginId: 'shop_a1', status: 'pending' });
  expect(JSON.stringify(revisions[0].snapshot)).not.toMatch(/argon2/);
});

test.each([
  ['loginId', 'd1', { loginId: 'shop_d1' }],
  ['nameKo', 'd2', { nameKo: '가게d2' }],
  ['nameEn', 'd3', { nameEn: 'Shop d3' }],
])('a duplicate %s is a 409 naming the field and writes nothing', async (field, tag, clash) => {
  expect((await signup(signupBody(tag))).statusCode).toBe(201);
  const count = async () =>
    Number(
      (
        await ctx.db
          .selectFrom('sellers')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const before = await count();
  const res = await signup({ ...signupBody(`${tag}x`), ...clash });
  expect(res.statusCode).toBe(409);
  expect(res.json().error).toMatchObject({ code: 'CONFLICT', details: [{ field, message: expect.any(String) }] });
  expect(await count()).toBe(before);
});

test('signup rejects bad input and unknown fields such as role or status', async () => {
  for (const bad of [
    { password: 'short1' },
    { password: 'lettersonly' },
    { loginId: 'AB' },
    { attributeId: 9 },
    { siteUrl: 'javascript:alert(1)' },
    { role: 'admin' },
    { status: 'active' },
  ]) {
    const res = await signup({ ...signupBody('bad'), ...bad });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  }
});

test('login answers a token and the seller; the token works on GET /auth/me', async () => {
  const id = await createSellerWithPassword(ctx.db, 'pass1234', { loginId: 'login_ok', status: 'pending', attributeId: 7 });
  const res = await login('login_ok', 'pass1234');
  expect(res.statusCode).toBe(200);
  const body = res.json();
  expect(body).toEqual({
    accessToken: expect.any(String),
    expiresIn: ctx.config.JWT_TTL_SECONDS,
    seller: { id, loginId: 'login_ok', nameKo: expect.any(String), role: 'seller', status: 'pending' },
  });
  const me = await ctx.app.inject({ method: 'GET', url: '/auth/me', headers: { authorization: `Bearer ${body.accessToken}` } });
  expect(me.statusCode).toBe(200);
  expect(me.json()).toMatchObject({ id, loginId: 'login_ok', status: 'pending', attribute: { id: 7, name: expect.any(String) } });
  expect(me.json()).not.toHaveProperty('passwordHash');
});

test('a wrong password and an unknown login id get the same 401', async () => {
  await createSellerWithPassword(ctx.db, 'pass1234', { loginId: 'login_wrong' });
  const wrong = await login('login_wrong', 'nope12345', '10.0.0.2');
  const unknown = await login('login_nobody', 'nope12345', '10.0.0.2');
  expect(wrong.statusCode).toBe(401);
  expect(unknown.statusCode).toBe(401);
  expect(wrong.json()).toEqual(unknown.json());
});

test('login is rate limited per account, from any address, with retry-after', async () => {
  await createSellerWithPassword(ctx.db, 'pass1234', { loginId: 'login_rl' });
  for (let i = 0; i < LOGIN_ATTEMPTS_PER_WINDOW; i++) expect((await login('login_rl', 'wrong1234', `10.0.3.${i}`)).statusCode).toBe(401);
  const limited = await login('login_rl', 'pass1234', '10.0.0.3');
  expect(limited.statusCode).toBe(429);
  expect(limited.json().error.code).toBe('RATE_LIMITED');
  expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  expect((await login('login_rl', 'pass1234', '10.0.0.4')).statusCode).toBe(429);
});

test('GET /auth/me needs a valid token', async () => {
  expect((await ctx.app.inject({ method: 'GET', url: '/auth/me' })).statusCode).toBe(401);
  expect((await ctx.app.inject({ method: 'GET', url: '/auth/me', headers: { authorization: 'Bearer abc.def.ghi' } })).statusCode).toBe(401);
  const id = await createSeller(ctx.db, { status: 'closed' });
  expect((await ctx.app.inject({ method: 'GET', url: '/auth/me', headers: await bearerFor(ctx.app, id) })).statusCode).toBe(401);
});
