import { sql, type Kysely } from 'kysely';

const TABLE_OPTIONS = sql.raw('ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci');

// API.md "Reasons and carriers": ids are part of the contract (clients send them).
const CANCEL_REASONS = [
  { id: 1, name: '구매자취소', shopper_allowed: 1 },
  { id: 2, name: '구매자변심', shopper_allowed: 1 },
  { id: 3, name: '상품품절', shopper_allowed: 0 },
];
const REFUND_REASONS = ['단순변심', '상품불량', '오배송', '배송지연', '사이즈 불만족', '기타'];
const CARRIERS = ['CJ대한통운', '한진택배', '롯데택배', '우체국택배', '로젠택배', '경동택배'];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE order_cancel_reasons (
    id TINYINT UNSIGNED NOT NULL PRIMARY KEY,
    name VARCHAR(50) NOT NULL,
    shopper_allowed TINYINT(1) NOT NULL
  ) ${TABLE_OPTIONS}`.execute(db);
  await sql`CREATE TABLE order_refund_reasons (
    id TINYINT UNSIGNED NOT NULL PRIMARY KEY,
    name VARCHAR(50) NOT NULL
  ) ${TABLE_OPTIONS}`.execute(db);
  await sql`CREATE TABLE carriers (
    id TINYINT UNSIGNED NOT NULL PRIMARY KEY,
    name VARCHAR(50) NOT NULL
  ) ${TABLE_OPTIONS}`.execute(db);

  await db.insertInto('order_cancel_reasons').values(CANCEL_REASONS).execute();
  await db
    .insertInto('order_refund_reasons')
    .values(REFUND_REASONS.map((name, i) => ({ id: i + 1, name })))
    .execute();
  await db
    .insertInto('carriers')
    .values(CARRIERS.map((name, i) => ({ id: i + 1, name })))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['carriers', 'order_refund_reasons', 'order_cancel_reasons']) {
    await sql`DROP TABLE ${sql.table(table)}`.execute(db);
  }
}
