import { startTestApp, type TestContext } from './harness.js';
import { bearerFor, createAdmin, createProduct, createQuestion, createSeller, createShopper } from './sellers.fixtures.js';

let ctx: TestContext;
let owner: number;
let other: number;
let admin: number;
let ownerProduct: number;
let otherProduct: number;
let asker: number;
const q: Record<string, number> = {};
const ASKER_LOGIN = 'alice_secret';

// 2026-05-10 00:00 KST = 2026-05-09 15:00 UTC.
const at = (iso: string) => new Date(iso);

beforeAll(async () => {
  ctx = await startTestApp({ now: () => at('2026-06-01T00:00:00.000Z') });
  const { db } = ctx;
  owner = await createSeller(db, { nameKo: '주인셀러' });
  other = await createSeller(db, { nameKo: '남의셀러' });
  admin = await createAdmin(db);
  ownerProduct = await createProduct(db, owner, { name: '린넨 100% 셔츠' });
  otherProduct = await createProduct(db, other, { name: '남의 셔츠' });
  asker = await createShopper(db, ASKER_LOGIN);
  q.early = await createQuestion(db, {
    productId: ownerProduct,
    shopperId: asker,
    typeId: 1,
    content: 'size?',
    createdAt: at('2026-05-09T14:59:59.999Z'),
  });
  q.private = await createQuestion(db, {
    productId: ownerProduct,
    shopperId: asker,
    typeId: 2,
    isPrivate: true,
    content: 'my address is secret',
    createdAt: at('2026-05-09T15:00:00.000Z'),
  });
  q.late = await createQuestion(db, {
    productId: ownerProduct,
    shopperId: asker,
    typeId: 2,
    content: 'late',
    createdAt: at('2026-05-10T15:00:00.000Z'),
  });
  q.deleted = await createQuestion(db, {
    productId: ownerProduct,
    shopperId: asker,
    deleted: true,
    createdAt: at('2026-05-11T00:00:00.000Z'),
  });
  q.others = await createQuestion(db, {
    productId: otherProduct,
    shopperId: asker,
    content: 'other seller',
    createdAt: at('2026-05-10T00:00:00.000Z'),
  });
});
afterAll(() => ctx.close());

const inbox = async (id: number, role: 'seller' | 'admin', query = '') => {
  const res = await ctx.app.inject({ method: 'GET', url: `/questions${query}`, headers: await bearerFor(ctx.app, id, role) });
  expect(res.statusCode).toBe(200);
  expect(res.body).not.toContain(ASKER_LOGIN);
  return res.json();
};
const ids = (body: { items: { id: number }[] }) => body.items.map((item) => item.id);
const answer = async (questionId: number, id: number, role: 'seller' | 'admin', content: string) =>
  ctx.app.inject({
    method: 'PUT',
    url: `/questions/${questionId}/answer`,
    payload: { content },
    headers: await bearerFor(ctx.app, id, role),
  });

describe('GET /questions', () => {
  test("a seller sees only its own products' live questions, newest first, private content included, author masked", async () => {
    const body = await inbox(owner, 'seller');
    expect(ids(body)).toEqual([q.late, q.private, q.early]);
    expect(body.total).toBe(3);
    expect(body.items[1]).toEqual({
      id: q.private,
      product: { id: ownerProduct, name: '린넨 100% 셔츠' },
      type: { id: 2, name: expect.any(String) },
      content: 'my address is secret',
      isPrivate: true,
      author: 'ali***',
      createdAt: '2026-05-09T15:00:00.000Z',
      answer: null,
    });
  });

  test('an admin sees every seller', async () => {
    expect(ids(await inbox(admin, 'admin'))).toEqual([q.late, q.others, q.private, q.early]);
  });

  test.each([
    ['?typeId=2', ['late', 'private']],
    ['?productName=100%25', ['late', 'private', 'early']],
    ['?productName=%25%25', []],
    ['?from=2026-05-10', ['late', 'private']],
    ['?to=2026-05-09', ['early']],
    ['?from=2026-05-10&to=2026-05-10', ['private']],
    ['?limit=1&page=2', ['private']],
  ])('filter %s', async (query, expected) => {
    const body = await inbox(owner, 'seller', query);
    expect(ids(body)).toEqual(expected.map((name) => q[name]));
  });
});

describe('PUT /questions/:id/answer', () => {
  test("a seller cannot answer another seller's question (404), nor a deleted one (404)", async () => {
    const res = await answer(q.others, owner, 'seller', 'hijack');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
    expect((await answer(q.deleted, owner, 'seller', 'x')).statusCode).toBe(404);
    expect(await ctx.db.selectFrom('answers').selectAll().execute()).toEqual([]);
  });

  test('the owner answers, then replaces the answer; answered filter follows; one answer row', async () => {
    const first = await answer(q.private, owner, 'seller', '배송지는 비공개로 처리했습니다');
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      id: q.private,
      answer: {
        content: '배송지는 비공개로 처리했습니다',
        sellerName: '주인셀러',
        answeredBy: { id: owner, nameKo: '주인셀러', role: 'seller' },
        createdAt: '2026-06-01T00:00:00.000Z',
      },
    });
    const second = await answer(q.private, owner, 'seller', 'replaced');
    expect(second.json().answer.content).toBe('replaced');
    expect(await ctx.db.selectFrom('answers').select('content').where('question_id', '=', q.private).execute()).toEqual([
      { content: 'replaced' },
    ]);
    expect(ids(await inbox(owner, 'seller', '?answered=true'))).toEqual([q.private]);
    expect(ids(await inbox(owner, 'seller', '?answered=false'))).toEqual([q.late, q.early]);
  });

  test("an admin answers any question, under the product seller's name as shoppers see it; blank or too long content is a 400", async () => {
    const adminName = (await ctx.db.selectFrom('sellers').select('name_ko').where('id', '=', admin).executeTakeFirstOrThrow()).name_ko;
    expect((await answer(q.others, admin, 'admin', 'admin reply')).json().answer).toMatchObject({
      content: 'admin reply',
      sellerName: '남의셀러',
      answeredBy: { id: admin, nameKo: adminName, role: 'admin' },
    });
    expect((await inbox(admin, 'admin', '?answered=true')).items.find((item: { id: number }) => item.id === q.others).answer).toMatchObject(
      {
        sellerName: '남의셀러',
        answeredBy: { id: admin, role: 'admin' },
      },
    );
    expect((await answer(q.late, owner, 'seller', '   ')).statusCode).toBe(400);
    expect((await answer(q.late, owner, 'seller', 'x'.repeat(2001))).statusCode).toBe(400);
  });
});
