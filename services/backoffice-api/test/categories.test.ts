import { startTestApp, type TestContext } from './harness.js';
import { bearerFor, createAdmin, createSeller } from './sellers.fixtures.js';

let ctx: TestContext;
let shopSeller: number;
let beautySeller: number;
let admin: number;

beforeAll(async () => {
  ctx = await startTestApp();
  shopSeller = await createSeller(ctx.db, { attributeId: 2 });
  beautySeller = await createSeller(ctx.db, { attributeId: 7 });
  admin = await createAdmin(ctx.db);
});
afterAll(() => ctx.close());

const get = async (id: number, role: 'seller' | 'admin', query = '') =>
  ctx.app.inject({ method: 'GET', url: `/categories${query}`, headers: await bearerFor(ctx.app, id, role) });

async function expectedGroup(attributeId: number) {
  const firsts = await ctx.db
    .selectFrom('first_categories as f')
    .innerJoin('main_categories as m', 'm.id', 'f.main_category_id')
    .innerJoin('seller_attributes as a', 'a.group_code', 'm.group_code')
    .select(['f.id', 'f.name'])
    .where('a.id', '=', attributeId)
    .orderBy('f.position')
    .execute();
  return firsts;
}

test("a seller gets its group's first categories in order, each with its ordered second categories", async () => {
  const res = await get(shopSeller, 'seller');
  expect(res.statusCode).toBe(200);
  const body = res.json();
  const firsts = await expectedGroup(2);
  expect(body.map((f: { id: number; name: string }) => ({ id: f.id, name: f.name }))).toEqual(firsts);
  expect(body[0]).toMatchObject({ id: 1, name: '아우터' });
  expect(body[0].children.slice(0, 2)).toEqual([
    { id: 1, name: '자켓' },
    { id: 2, name: '가디건' },
  ]);
  const seconds = await ctx.db
    .selectFrom('second_categories')
    .select(['id', 'name'])
    .where('first_category_id', '=', body[0].id)
    .orderBy('position')
    .execute();
  expect(body[0].children).toEqual(seconds);
});

test('a beauty seller gets the beauty group', async () => {
  const body = (await get(beautySeller, 'seller')).json();
  expect(body.map((f: { id: number }) => f.id)).toEqual((await expectedGroup(7)).map((f) => f.id));
});

test('an admin names the seller; without sellerId it is a 400, an unknown seller a 404', async () => {
  const res = await get(admin, 'admin', `?sellerId=${beautySeller}`);
  expect(res.statusCode).toBe(200);
  expect(res.json().map((f: { id: number }) => f.id)).toEqual((await expectedGroup(7)).map((f) => f.id));
  expect((await get(admin, 'admin')).statusCode).toBe(400);
  expect((await get(admin, 'admin', '?sellerId=999999')).json().error.code).toBe('NOT_FOUND');
});

test('a seller naming itself is fine, naming another seller is a 403', async () => {
  expect((await get(shopSeller, 'seller', `?sellerId=${shopSeller}`)).statusCode).toBe(200);
  const res = await get(shopSeller, 'seller', `?sellerId=${beautySeller}`);
  expect(res.statusCode).toBe(403);
  expect(res.json().error.code).toBe('FORBIDDEN');
});

test('no token is a 401, an unknown query parameter a 400', async () => {
  expect((await ctx.app.inject({ method: 'GET', url: '/categories' })).statusCode).toBe(401);
  expect((await get(shopSeller, 'seller', '?group=shop')).statusCode).toBe(400);
});
