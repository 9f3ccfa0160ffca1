import { rebuildProductNameIndex, sql, type Db } from '@brandi/db';
import { createTestDb, type TestDb } from '@brandi/db/testing';
import { createProduct, createQuestion, createSeller, createShopper } from './sellers.fixtures.js';

// rebuildProductNameIndex recomputes every index of product names from the names: after rows were lost or left
// stale (writes that skipped the triggers), each table must hold exactly what the triggers had written.

let testDb: TestDb;
let db: Db;

const NAMES = [
  '캐시미어 니트 가디건',
  '울 니트웨어 니트',
  '  NIKE  에어 맥스 ',
  'nike-에어맥스',
  '50% 세일_셔츠',
  '니트\u00a0조끼',
  '단어',
];

async function snapshot() {
  const rows = async (query: string) =>
    (await sql.raw<Record<string, unknown>>(query).execute(db)).rows.map((r) => JSON.stringify(r)).sort();
  return {
    postings: await rows('SELECT HEX(token) t, product_id FROM product_name_tokens'),
    pairs: await rows('SELECT HEX(token_a) a, HEX(token_b) b, product_id FROM product_name_token_pairs'),
    facets: await rows(
      'SELECT HEX(token) t, created_at, product_id, seller_id, is_on_sale, is_displayed, discount_rate, discount_starts_at, discount_ends_at, name FROM product_token_facets',
    ),
    questions: await rows('SELECT HEX(token) t, question_id, created_at, is_answered, type_id FROM question_name_tokens'),
  };
}

beforeAll(async () => {
  testDb = await createTestDb();
  db = testDb.db;
  const seller = await createSeller(db, { attributeId: 1 });
  const shopper = await createShopper(db);
  for (const [i, name] of NAMES.entries()) {
    const product = await createProduct(db, seller, { name, deleted: i === 1, isOnSale: i % 2 === 0, discountRate: i * 5 });
    for (let j = 0; j < 2; j++)
      await createQuestion(db, { productId: product, shopperId: shopper, typeId: 1 + j, deleted: i === 3 && j === 0 });
  }
});
afterAll(() => testDb.destroy());

test('after rows lost, stale and made up, every name index is what the triggers wrote', async () => {
  const written = await snapshot();
  expect(written.postings.length).toBeGreaterThan(10);
  expect(written.pairs.length).toBeGreaterThan(5);
  expect(written.questions.length).toBeGreaterThan(10);
  const vocabulary = (await db.selectFrom('name_tokens').select(sql<string>`HEX(token)`.as('t')).execute()).map((r) => r.t);

  await sql`DELETE FROM product_name_tokens WHERE product_id % 2 = 0`.execute(db);
  await sql`DELETE FROM product_name_token_pairs WHERE product_id % 3 = 0`.execute(db);
  await sql`INSERT INTO product_name_token_pairs (token_a, token_b, product_id) VALUES ('a', 'b', 1)`.execute(db);
  await sql`UPDATE product_token_facets SET is_on_sale = 1 - is_on_sale WHERE product_id % 2 = 1`.execute(db);
  await sql`DELETE FROM product_token_facets WHERE product_id % 3 = 1`.execute(db);
  await sql`DELETE FROM question_name_tokens WHERE question_id % 2 = 0`.execute(db);
  await sql`UPDATE question_name_tokens SET is_answered = 1`.execute(db);
  await sql`DELETE FROM name_tokens`.execute(db);
  expect(await snapshot()).not.toEqual(written);

  await rebuildProductNameIndex(db);
  expect(await snapshot()).toEqual(written);
  const rebuilt = (await db.selectFrom('name_tokens').select(sql<string>`HEX(token)`.as('t')).execute()).map((r) => r.t);
  expect(rebuilt.sort()).toEqual(expect.arrayContaining(vocabulary));
});
