import { sql } from '@brandi/db';
import { escapeLike } from '@brandi/http';
import { startTestApp, type TestContext } from './harness.js';
import { bearerFor, createAdmin, createProduct, createQuestion, createSeller, createShopper } from './sellers.fixtures.js';

// The inbox's totals come from question_counts and its product-name search from question_name_tokens (both kept
// by triggers). Whatever writes happened, every filter combination must list exactly what a plain query over
// questions ⋈ products finds, in order, with that exact total, for an admin and for a seller.

const NOW = new Date('2026-06-01T00:00:00.000Z');
let ctx: TestContext;
let admin: number;
const sellers: number[] = [];
const products: number[] = [];
const questions: number[] = [];

// Names with a word in two tokens of one name, case, substrings, a no-break space, % and _.
const NAMES = [
  '캐시미어 니트 가디건',
  '울 니트웨어 니트',
  'NIKE 에어 맥스',
  'nike-에어맥스',
  '50% 세일 셔츠',
  '린넨_셔츠  v2',
  '니트\u00a0조끼',
];
// Phrases: several words, a word with a space after it (the phrase path), spaces only (left out).
const WORDS = [
  '니트',
  '캐시미어',
  'nike',
  '에어',
  '50%',
  '_',
  '셔츠',
  '없는',
  '니트 가디건',
  '에어 맥스',
  '니트\u00a0조끼',
  '니트 ',
  ' 맥스',
  '셔츠  v2',
  '   ',
];
const DATES: [string | undefined, string | undefined][] = [
  [undefined, undefined],
  ['2026-05-10', undefined],
  [undefined, '2026-05-09'],
  ['2026-05-10', '2026-05-10'],
];

const kstStart = (day: string) => new Date(Date.parse(`${day}T00:00:00+09:00`));

async function expected(filter: {
  sellerId?: number;
  answered?: boolean;
  typeId?: number;
  productName?: string;
  from?: string;
  to?: string;
}) {
  let query = ctx.db
    .selectFrom('questions as q')
    .innerJoin('products as p', 'p.id', 'q.product_id')
    .select('q.id')
    .where('q.deleted_at', 'is', null);
  if (filter.sellerId !== undefined) query = query.where('q.seller_id', '=', filter.sellerId);
  if (filter.answered !== undefined) query = query.where('q.is_answered', '=', filter.answered);
  if (filter.typeId !== undefined) query = query.where('q.type_id', '=', filter.typeId);
  // "Contains" as the name column's LIKE (its collation: a no-break space matches a space); spaces only: no filter.
  if (filter.productName !== undefined && filter.productName.trim() !== '')
    query = query.where('p.name', 'like', `%${escapeLike(filter.productName)}%`);
  if (filter.from !== undefined) query = query.where('q.created_at', '>=', kstStart(filter.from));
  if (filter.to !== undefined) query = query.where('q.created_at', '<', new Date(kstStart(filter.to).getTime() + 86_400_000));
  return (await query.orderBy('q.created_at', 'desc').orderBy('q.id', 'desc').execute()).map((r) => r.id);
}

async function expectInboxMatches(): Promise<void> {
  const actors: [string, number, 'admin' | 'seller', number | undefined][] = [
    ['admin', admin, 'admin', undefined],
    ['seller', sellers[0], 'seller', sellers[0]],
  ];
  for (const [who, id, role, sellerId] of actors) {
    const headers = await bearerFor(ctx.app, id, role);
    for (const answered of [undefined, true, false]) {
      for (const typeId of [undefined, 2]) {
        for (const productName of [undefined, ...WORDS]) {
          for (const [from, to] of DATES) {
            const filter = { answered, typeId, productName, from, to };
            const params = new URLSearchParams(
              Object.entries(filter).flatMap(([k, v]): [string, string][] => (v === undefined ? [] : [[k, String(v)]])),
            );
            const want = await expected({ ...filter, sellerId });
            for (const [page, limit] of [
              [1, 100],
              [2, 2],
            ]) {
              const res = await ctx.app.inject({ method: 'GET', url: `/questions?${params}&page=${page}&limit=${limit}`, headers });
              expect(res.statusCode).toBe(200);
              const body = res.json();
              const shown = `${who} ${params} page ${page}`;
              expect({ shown, total: body.total, ids: body.items.map((i: { id: number }) => i.id) }).toEqual({
                shown,
                total: want.length,
                ids: want.slice((page - 1) * limit, page * limit),
              });
            }
          }
        }
      }
    }
  }
}

beforeAll(async () => {
  ctx = await startTestApp({ now: () => NOW });
  admin = await createAdmin(ctx.db);
  for (let i = 0; i < 3; i++) sellers.push(await createSeller(ctx.db, { attributeId: i === 2 ? null : i + 1 }));
  const shopper = await createShopper(ctx.db);
  for (const [i, name] of NAMES.entries()) products.push(await createProduct(ctx.db, sellers[i % 3], { name, deleted: i === 6 }));
  // Instants on both sides of KST midnights (2026-05-09T15:00Z is 2026-05-10 00:00 in Seoul).
  const instants = ['2026-05-09T14:59:59.999Z', '2026-05-09T15:00:00.000Z', '2026-05-10T14:59:59.999Z', '2026-05-10T15:00:00.000Z'];
  for (const [i, product] of products.entries()) {
    for (const [j, at] of instants.entries()) {
      questions.push(
        await createQuestion(ctx.db, {
          productId: product,
          shopperId: shopper,
          typeId: 1 + ((i + j) % 3),
          createdAt: new Date(at),
          deleted: (i + j) % 9 === 4,
        }),
      );
    }
  }
});
afterAll(() => ctx.close());

test('after inserts (a deleted product and deleted questions among them), every filter lists what a plain query finds', async () => {
  await expectInboxMatches();
}, 120_000);

test('after answers, soft deletes and an undelete, a renamed and a deleted product, and a hard delete', async () => {
  const headers = await bearerFor(ctx.app, admin, 'admin');
  for (const id of questions.filter((_, k) => k % 3 === 0)) {
    const res = await ctx.app.inject({ method: 'PUT', url: `/questions/${id}/answer`, payload: { content: 'answered' }, headers });
    expect(res.statusCode).toBe(200);
  }
  await ctx.db.updateTable('questions').set({ deleted_at: NOW }).where('id', 'in', questions.slice(5, 8)).execute();
  await ctx.db.updateTable('questions').set({ deleted_at: null }).where('id', '=', questions[4]).execute();
  // created_at is immutable in the schema types; this test moves a question to another day on purpose.
  await sql`UPDATE questions SET type_id = 2, created_at = ${new Date('2026-05-10T16:00:00Z')} WHERE id = ${questions[9]}`.execute(ctx.db);
  await ctx.db.updateTable('products').set({ name: '캐시미어 셔츠 NEW' }).where('id', '=', products[2]).execute();
  await ctx.db.updateTable('products').set({ deleted_at: NOW }).where('id', '=', products[3]).execute();
  await ctx.db.deleteFrom('answers').where('question_id', '=', questions[12]).execute();
  await ctx.db.deleteFrom('questions').where('id', '=', questions[12]).execute();
  await expectInboxMatches();
}, 120_000);
