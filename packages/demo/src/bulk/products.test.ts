import { productNameTokens, sql } from '@brandi/db';
import { createTestDb, type TestDb } from '@brandi/db/testing';
import { seedBulk } from './products.js';

// The bulk loader skips the triggers (every product-index switch) and writes or rebuilds the derived tables itself;
// they must hold exactly what the triggers would have written for the same rows.

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  // Batches of 2,000 (the default) write more facet rows than one statement's placeholders allow.
  await seedBulk(t.db, undefined, { products: 2500, sellers: 30, shoppers: 40, batchSize: 2000 });
});
afterAll(() => t.destroy());

const sorted = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();

test('product_token_facets: a row per distinct name token of every live product, with its filter columns', async () => {
  const products = await t.db
    .selectFrom('products')
    .select([
      'id',
      'name',
      'created_at',
      'seller_id',
      'is_on_sale',
      'is_displayed',
      'discount_rate',
      'discount_starts_at',
      'discount_ends_at',
    ])
    .where('deleted_at', 'is', null)
    .execute();
  const want = products.flatMap((p) =>
    productNameTokens(p.name).map((token) => [
      token,
      p.id,
      p.created_at.toISOString(),
      p.seller_id,
      Number(p.is_on_sale),
      Number(p.is_displayed),
      p.discount_rate,
      p.discount_starts_at?.toISOString() ?? null,
      p.discount_ends_at?.toISOString() ?? null,
    ]),
  );
  const got = (await t.db.selectFrom('product_token_facets').selectAll().execute()).map((f) => [
    f.token,
    f.product_id,
    f.created_at.toISOString(),
    f.seller_id,
    Number(f.is_on_sale),
    Number(f.is_displayed),
    f.discount_rate,
    f.discount_starts_at?.toISOString() ?? null,
    f.discount_ends_at?.toISOString() ?? null,
  ]);
  expect(want.length).toBeGreaterThan(1000);
  expect(sorted(got)).toEqual(sorted(want));
});

test("question_name_tokens: a row per distinct token of each live question's product name, deleted products included", async () => {
  const questions = await t.db
    .selectFrom('questions as q')
    .innerJoin('products as p', 'p.id', 'q.product_id')
    .select(['q.id', 'p.name', 'q.created_at', 'q.is_answered', 'q.type_id'])
    .where('q.deleted_at', 'is', null)
    .execute();
  const want = questions.flatMap((q) =>
    productNameTokens(q.name).map((token) => [token, q.id, q.created_at.toISOString(), Number(q.is_answered), q.type_id]),
  );
  const got = (await t.db.selectFrom('question_name_tokens').selectAll().execute()).map((r) => [
    r.token,
    r.question_id,
    r.created_at.toISOString(),
    Number(r.is_answered),
    r.type_id,
  ]);
  expect(want.length).toBeGreaterThan(1000);
  expect(sorted(got)).toEqual(sorted(want));
  // Every token of a listed name is in the vocabulary, so a search finds it.
  const vocabulary = new Set((await t.db.selectFrom('name_tokens').select('token').execute()).map((r) => r.token));
  expect(want.filter(([token]) => !vocabulary.has(token as string))).toEqual([]);
});

test('seller_product_counts and question_counts equal the rows they count', async () => {
  const sellers = await sql<{ seller_id: number; is_on_sale: number; is_displayed: number; n: number }>`
    SELECT seller_id, is_on_sale, is_displayed, COUNT(*) AS n FROM products WHERE deleted_at IS NULL GROUP BY seller_id, is_on_sale, is_displayed`.execute(
    t.db,
  );
  const kept = await t.db.selectFrom('seller_product_counts').selectAll().where('product_count', '<>', 0).execute();
  expect(sorted(kept.map((r) => [r.seller_id, Number(r.is_on_sale), Number(r.is_displayed), r.product_count]))).toEqual(
    sorted(sellers.rows.map((r) => [r.seller_id, Number(r.is_on_sale), Number(r.is_displayed), Number(r.n)])),
  );
  const days = await sql<{ d: string; type_id: number; is_answered: number; n: number }>`
    SELECT DATE_FORMAT(created_at + INTERVAL 9 HOUR, '%Y-%m-%d') AS d, type_id, is_answered, COUNT(*) AS n FROM questions WHERE deleted_at IS NULL
    GROUP BY DATE_FORMAT(created_at + INTERVAL 9 HOUR, '%Y-%m-%d'), type_id, is_answered`.execute(t.db);
  const counted = await sql<{ d: string; type_id: number; is_answered: number; n: number }>`
    SELECT DATE_FORMAT(question_day, '%Y-%m-%d') AS d, type_id, is_answered, question_count AS n FROM question_counts WHERE question_count <> 0`.execute(
    t.db,
  );
  expect(sorted(counted.rows.map((r) => [r.d, r.type_id, Number(r.is_answered), Number(r.n)]))).toEqual(
    sorted(days.rows.map((r) => [r.d, r.type_id, Number(r.is_answered), Number(r.n)])),
  );
});
