import { startTestApp, type TestContext } from './harness.js';
import { bearerFor, createAdmin, createProduct, createSeller } from './sellers.fixtures.js';

let ctx: TestContext;
let admin: number;
let alpha: number;
let beta: number;
let gamma: number;
let adminHeaders: Record<string, string>;

// KST day boundaries: alpha and beta register on the first and last millisecond of 2026-03-01 KST, gamma on 03-02.
const utc = (iso: string) => new Date(iso);

beforeAll(async () => {
  ctx = await startTestApp();
  const { db } = ctx;
  admin = await createAdmin(db);
  adminHeaders = await bearerFor(ctx.app, admin, 'admin');
  alpha = await createSeller(db, {
    loginId: 'alpha_shop',
    nameKo: '알파상점',
    nameEn: 'Alpha 100% Shop',
    managerName: '김철수',
    managerPhone: '010-1111-2222',
    managerEmail: 'kim@alpha.example',
    attributeId: 1,
    status: 'active',
    createdAt: utc('2026-02-28T15:00:00.000Z'),
  });
  beta = await createSeller(db, {
    loginId: 'beta_brand',
    nameKo: '베타브랜드',
    nameEn: 'Beta_Brand',
    managerName: '이영희',
    managerPhone: '010-3333-4444',
    managerEmail: 'lee@beta.example',
    attributeId: 4,
    status: 'pending',
    createdAt: utc('2026-03-01T14:59:59.999Z'),
  });
  gamma = await createSeller(db, {
    loginId: 'gamma_beauty',
    nameKo: '감마뷰티',
    nameEn: 'Gamma Beauty',
    managerName: null,
    managerPhone: null,
    managerEmail: null,
    attributeId: 7,
    status: 'paused',
    createdAt: utc('2026-03-01T15:00:00.000Z'),
  });
  await createProduct(db, alpha);
  await createProduct(db, alpha);
  await createProduct(db, alpha, { deleted: true });
  await createProduct(db, beta);
});
afterAll(() => ctx.close());

const list = async (query: string) => {
  const res = await ctx.app.inject({ method: 'GET', url: `/sellers${query}`, headers: adminHeaders });
  expect(res.statusCode).toBe(200);
  return res.json();
};
const ids = (body: { items: { id: number }[] }) => body.items.map((item) => item.id);

describe('GET /sellers', () => {
  test('lists sellers (not admins) newest first with exact total, attribute and live product count', async () => {
    const body = await list('');
    expect(ids(body)).toEqual([gamma, beta, alpha]);
    expect(body).toMatchObject({ page: 1, limit: 20, total: 3 });
    expect(body.items[2]).toEqual({
      id: alpha,
      loginId: 'alpha_shop',
      nameKo: '알파상점',
      nameEn: 'Alpha 100% Shop',
      attribute: { id: 1, name: '쇼핑몰' },
      status: 'active',
      managerName: '김철수',
      managerPhone: '010-1111-2222',
      managerEmail: 'kim@alpha.example',
      productCount: 2,
      registeredAt: '2026-02-28T15:00:00.000Z',
    });
    expect(body.items[0].productCount).toBe(0);
  });

  test.each([
    [`?id=BETA`, ['beta']],
    ['?loginId=_b', ['beta', 'gamma']],
    ['?loginId=a_s', ['alpha']],
    ['?nameKo=%EB%B8%8C%EB%9E%9C%EB%93%9C', ['beta']],
    ['?nameEn=100%25', ['alpha']],
    ['?nameEn=_', ['beta']],
    ['?managerName=%EC%98%81', ['beta']],
    ['?managerPhone=1111', ['alpha']],
    ['?managerEmail=beta.example', ['beta']],
    ['?status=paused', ['gamma']],
    ['?attributeId=4', ['beta']],
    ['?registeredFrom=2026-03-01', ['alpha', 'beta', 'gamma']],
    ['?registeredTo=2026-03-01', ['alpha', 'beta']],
    ['?registeredFrom=2026-03-01&registeredTo=2026-03-01', ['alpha', 'beta']],
    ['?registeredFrom=2026-03-02', ['gamma']],
    ['?registeredTo=2026-02-28', []],
    ['?status=active&attributeId=4', []],
  ])('filter %s', async (query, expected) => {
    const byName: Record<string, number> = { alpha, beta, gamma };
    const body = await list(query.replace('BETA', String(beta)));
    expect(ids(body).sort()).toEqual(expected.map((name) => byName[name]).sort());
    expect(body.total).toBe(expected.length);
  });

  test('pages keep the total and the order', async () => {
    const first = await list('?limit=2&page=1');
    const second = await list('?limit=2&page=2');
    expect(ids(first)).toEqual([gamma, beta]);
    expect(ids(second)).toEqual([alpha]);
    expect(second.total).toBe(3);
  });

  test('a seller is refused (403); bad filters are 400', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/sellers', headers: await bearerFor(ctx.app, alpha) });
    expect(res.statusCode).toBe(403);
    expect((await ctx.app.inject({ method: 'GET', url: '/sellers?status=gone', headers: adminHeaders })).statusCode).toBe(400);
    expect((await ctx.app.inject({ method: 'GET', url: '/sellers?registeredFrom=2026-13-01', headers: adminHeaders })).statusCode).toBe(
      400,
    );
    expect((await ctx.app.inject({ method: 'GET', url: '/sellers?name=x', headers: adminHeaders })).statusCode).toBe(400);
  });
});

describe('GET /sellers/:id', () => {
  test('a seller reads itself; another seller is a 404; an admin reads anyone', async () => {
    const self = await ctx.app.inject({ method: 'GET', url: `/sellers/${alpha}`, headers: await bearerFor(ctx.app, alpha) });
    expect(self.statusCode).toBe(200);
    expect(self.json()).toMatchObject({
      id: alpha,
      loginId: 'alpha_shop',
      role: 'seller',
      status: 'active',
      productCount: 2,
      attribute: { id: 1 },
    });
    expect(self.body).not.toContain('password');
    const other = await ctx.app.inject({ method: 'GET', url: `/sellers/${beta}`, headers: await bearerFor(ctx.app, alpha) });
    expect(other.statusCode).toBe(404);
    const byAdmin = await ctx.app.inject({ method: 'GET', url: `/sellers/${beta}`, headers: adminHeaders });
    expect(byAdmin.json()).toMatchObject({ id: beta, nameKo: '베타브랜드' });
    expect((await ctx.app.inject({ method: 'GET', url: '/sellers/999999', headers: adminHeaders })).statusCode).toBe(404);
  });
});
