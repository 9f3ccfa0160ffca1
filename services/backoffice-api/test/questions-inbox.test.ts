import { sql } from '@brandi/db';
import { explainPlan } from '@brandi/db/testing';
import { escapeLike } from '@brandi/http';
import { buildTokenInboxIdsQuery } from '../src/routes/questions/inbox.repository.js';
import {
  buildListedInboxIdsQuery,
  buildListedQuestionIdsQuery,
  PHRASE_LISTS,
} from '../src/routes/questions/inbox-phrase-lists.repository.js';
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
// Most names under 블렌드 hold '캐시미어 블렌드' (the postings path), one live and one deleted do not (their
// questions are taken off); '블렌드 ' is held by every name under the word. The last one is deleted.
const BLENDS = ['캐시미어 블렌드 코트', '캐시미어 블렌드 니트', '블렌드 캐시미어 자켓', '블렌드울 조끼'];
// Phrases: several words, a word with a space after it (the phrase path), spaces only (left out).
const PHRASES = [
  '니트 가디건',
  '에어 맥스',
  '니트\u00a0조끼',
  '니트 ',
  ' 맥스',
  '셔츠  v2',
  '캐시미어 블렌드',
  '블렌드 ',
  '캐시미어 블렌드 코트',
  '없는 니트',
];
const WORDS = ['니트', '캐시미어', 'nike', '에어', '50%', '_', '셔츠', '없는', ...PHRASES, '   '];
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

async function expectInboxMatches(words = WORDS): Promise<void> {
  const actors: [string, number, 'admin' | 'seller', number | undefined][] = [
    ['admin', admin, 'admin', undefined],
    ['seller', sellers[0], 'seller', sellers[0]],
  ];
  for (const [who, id, role, sellerId] of actors) {
    const headers = await bearerFor(ctx.app, id, role);
    for (const answered of [undefined, true, false]) {
      for (const typeId of [undefined, 2]) {
        for (const productName of [undefined, ...words]) {
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
  for (const [i, name] of BLENDS.entries()) products.push(await createProduct(ctx.db, sellers[i % 3], { name, deleted: i === 3 }));
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

test('phrases past the id-list caps (the joined statements) list what a plain query finds', async () => {
  const saved = { ...PHRASE_LISTS };
  try {
    for (const caps of [
      { products: 0, questions: 0, deleted: 0 },
      { products: 1, questions: 1, deleted: 100 },
    ]) {
      Object.assign(PHRASE_LISTS, caps);
      await expectInboxMatches(PHRASES);
    }
  } finally {
    Object.assign(PHRASE_LISTS, saved);
  }
}, 120_000);

test('EXPLAIN: listed products read ix_questions_product; the word postings minus a few questions stay index only', async () => {
  const filter = { answered: false, typeId: 1, from: '2026-05-01', to: '2026-05-31' };
  const window = { limit: 10, offset: 20 };
  const listed = await explainPlan(ctx.db, buildListedInboxIdsQuery(products.slice(0, 3), filter, window));
  expect(listed.find((r) => r.table === 'q')?.key).toBe('ix_questions_product');
  const capped = await explainPlan(ctx.db, buildListedQuestionIdsQuery(products.slice(0, 3), filter, 10));
  expect(capped.find((r) => r.table === 'q')).toMatchObject({
    key: 'ix_questions_product',
    Extra: expect.stringContaining('Using index'),
  });
  // No date range: the exclusions alone must not turn the read into a primary-key range and a sort. Postings of
  // two tokens no name has (so no search meets them), enough of them for the optimizer to plan as at 1M.
  const digits = sql.raw(
    '(SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9)',
  );
  for (const token of ['explain1', 'explain2']) {
    await sql`INSERT INTO question_name_tokens (token, question_id, created_at, is_answered, type_id)
      SELECT ${token}, n, TIMESTAMP '2026-01-01 00:00:00' + INTERVAL n MINUTE, n % 2, 1 + n % 3
      FROM (SELECT 1 + a.d + 10 * b.d + 100 * c.d + 1000 * e.d + 10000 * f.d AS n FROM ${digits} a, ${digits} b, ${digits} c, ${digits} e, ${digits} f) s
      WHERE n <= 30000`.execute(ctx.db);
  }
  try {
    await sql`ANALYZE TABLE question_name_tokens`.execute(ctx.db);
    const postings = await explainPlan(
      ctx.db,
      buildTokenInboxIdsQuery(ctx.db, ['explain1', 'explain2'], {}, { limit: 10, offset: 10_000 }, [5, 500, 5000]),
    );
    const branches = postings.filter((r) => r.table === 'qt');
    expect(branches).toHaveLength(2);
    for (const branch of branches) {
      expect(branch.key).toBe('ix_question_name_tokens_created');
      expect(branch.Extra ?? '').toContain('Using index');
      expect(branch.Extra ?? '').not.toContain('filesort');
    }
  } finally {
    await sql`DELETE FROM question_name_tokens WHERE token IN ('explain1', 'explain2')`.execute(ctx.db);
  }
});

test('a type no question has, or a day to come, lists nothing for any product name (question_counts says so first)', async () => {
  const headers = await bearerFor(ctx.app, admin, 'admin');
  for (const productName of ['니트', ...PHRASES]) {
    const extras: { answered?: string; typeId?: string; from?: string }[] = [
      { typeId: '200' },
      { from: '2099-01-01' },
      { answered: 'true', typeId: '3', from: '2099-01-01' },
    ];
    for (const extra of extras) {
      const params = new URLSearchParams({ productName });
      for (const [key, value] of Object.entries(extra)) params.set(key, value);
      const res = await ctx.app.inject({ method: 'GET', url: `/questions?${params}`, headers });
      expect(res.statusCode).toBe(200);
      expect({ params: String(params), ...res.json() }).toMatchObject({ params: String(params), total: 0, items: [] });
      expect(
        await expected({ productName, typeId: extra.typeId === undefined ? undefined : Number(extra.typeId), from: extra.from }),
      ).toEqual([]);
    }
  }
});
