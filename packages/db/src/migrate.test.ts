import { sql } from 'kysely';
import { createDb, type Db } from './client.js';
import { ensureDatabase, listTables, migrateToLatest, migrateToZero, migrationStatus } from './migrate.js';
import { testDatabaseUrl } from './testing/index.js';

const EXPECTED_TABLES = [
  'addresses',
  'answers',
  'carriers',
  'cart_lines',
  'first_categories',
  'idempotency_records',
  'main_categories',
  'name_tokens',
  'order_cancel_reasons',
  'order_item_counts',
  'order_item_history',
  'order_item_name_tokens',
  'order_items',
  'order_refund_reasons',
  'order_seller_groups',
  'orders',
  'product_counts',
  'product_discounts',
  'product_images',
  'product_name_token_pairs',
  'product_name_tokens',
  'product_options',
  'product_review_stats',
  'product_revisions',
  'product_token_facets',
  'products',
  'question_counts',
  'question_name_tokens',
  'question_types',
  'questions',
  'reviews',
  'second_categories',
  'seller_attributes',
  'seller_product_counts',
  'seller_revisions',
  'sellers',
  'shoppers',
  'storage_objects',
];

let db: Db;

beforeAll(async () => {
  const url = testDatabaseUrl('migrations');
  await ensureDatabase(url);
  db = createDb({ url, poolSize: 2 });
  await sql`SET FOREIGN_KEY_CHECKS = 0`.execute(db);
  for (const table of await listTables(db)) await sql`DROP TABLE ${sql.table(table)}`.execute(db);
  // Stored procedures outlive their tables; an earlier run's would make `latest` fail.
  const { rows } = await sql<{
    name: string;
  }>`SELECT ROUTINE_NAME AS name FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE()`.execute(db);
  for (const { name } of rows) await sql`DROP PROCEDURE IF EXISTS ${sql.id(name)}`.execute(db);
});

afterAll(() => db.destroy());

test('latest → down to zero → latest on an empty database', async () => {
  await migrateToLatest(db);
  expect(await listTables(db)).toEqual(expect.arrayContaining(EXPECTED_TABLES));

  await migrateToZero(db);
  const leftover = (await listTables(db)).filter((t) => !t.startsWith('kysely_migration'));
  expect(leftover).toEqual([]);
  expect((await migrationStatus(db)).every((m) => m.executedAt === undefined)).toBe(true);

  await migrateToLatest(db);
  const tables = await listTables(db);
  expect(tables.filter((t) => !t.startsWith('kysely_migration')).sort()).toEqual(EXPECTED_TABLES);
});

test('reference data: 7 attributes, 7 question types, the category tree of shared/data', async () => {
  await migrateToLatest(db);
  const count = async (table: 'seller_attributes' | 'question_types' | 'main_categories' | 'first_categories' | 'second_categories') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  expect(await count('seller_attributes')).toBe(7);
  expect(await count('question_types')).toBe(7);
  expect(await count('main_categories')).toBe(3);
  expect(await count('first_categories')).toBe(28);
  expect(await count('second_categories')).toBe(138);
  const jacket = await db.selectFrom('second_categories').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  expect(jacket).toMatchObject({ name: '자켓', first_category_id: 1 });
});

test('every connection runs with the MySQL 8 default sql_mode, in UTC', async () => {
  const row = await sql<{ mode: string; tz: string }>`SELECT @@SESSION.sql_mode AS mode, @@SESSION.time_zone AS tz`.execute(db);
  expect(row.rows[0].mode.split(',')).toEqual(expect.arrayContaining(['ONLY_FULL_GROUP_BY', 'STRICT_TRANS_TABLES', 'NO_ZERO_DATE']));
  expect(row.rows[0].tz).toBe('+00:00');
});
