import { sql, type Kysely } from 'kysely';

// The back-office Q&A inbox (GET /questions) at a million questions: it read every live question joined to its
// product to count the total (6–8 s per page view) and walked the whole date index for a filtered page.
// - Each filter (answered state, type, both) has an index ordered by (created_at, id) after its equalities,
//   holding the other filters' columns too, so a page is read in order off one index and its ids joined last.
// - A seller's inbox is read and counted from (seller_id, deleted_at, created_at, id, ...) alone.
// - question_counts holds live questions per day (Asia/Seoul), type and answered state; triggers keep it inside
//   every writing transaction (whatever writes), counter rows updated in key order so two writes cannot deadlock.
//   An admin's total for any answered/type/date filter is a sum of at most 14 rows a day.
// Triggers honour @skip_product_counts (the bulk loader rebuilds the table with rebuildProductCounts).
// The backfill assumes no writer runs during the migration.

const KST_DAY = (column: string) => `DATE(${column} + INTERVAL 9 HOUR)`;
const INDEXES = [
  'ADD KEY ix_questions_live (deleted_at, created_at, id, is_answered, type_id, product_id)',
  'ADD KEY ix_questions_answered (deleted_at, is_answered, created_at, id, type_id, product_id)',
  'ADD KEY ix_questions_type (deleted_at, type_id, created_at, id, is_answered, product_id)',
  'ADD KEY ix_questions_answered_type (deleted_at, is_answered, type_id, created_at, id, product_id)',
  'ADD KEY ix_questions_seller_inbox (seller_id, deleted_at, created_at, id, is_answered, type_id, product_id)',
];
const PRODUCT_INBOX = 'ADD KEY ix_questions_product (product_id, deleted_at, created_at, id, is_answered, type_id)';
const PRODUCT_SHOPPER = 'ADD KEY ix_questions_product (product_id, deleted_at, created_at, id)';

export async function up(db: Kysely<any>): Promise<void> {
  // ix_questions_product (the shopper's per-product Q&A) also carries the inbox filters for a product-name search.
  await sql.raw(`ALTER TABLE questions ${INDEXES.join(', ')}, DROP KEY ix_questions_product, ${PRODUCT_INBOX}`).execute(db);

  await sql`CREATE TABLE question_counts (
    question_day DATE NOT NULL,
    type_id TINYINT UNSIGNED NOT NULL,
    is_answered TINYINT(1) NOT NULL,
    question_count INT NOT NULL,
    PRIMARY KEY (question_day, type_id, is_answered)
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`.execute(db);

  await sql
    .raw(`CREATE PROCEDURE add_question_count(IN p_created_at DATETIME(3), IN p_type_id TINYINT UNSIGNED, IN p_answered TINYINT, IN p_delta INT)
  BEGIN
    IF @skip_product_counts IS NULL THEN
      INSERT INTO question_counts (question_day, type_id, is_answered, question_count)
      VALUES (${KST_DAY('p_created_at')}, p_type_id, p_answered, p_delta)
      ON DUPLICATE KEY UPDATE question_count = question_count + p_delta;
    END IF;
  END`)
    .execute(db);

  await sql
    .raw(`CREATE TRIGGER questions_count_insert AFTER INSERT ON questions FOR EACH ROW
  BEGIN
    IF NEW.deleted_at IS NULL THEN CALL add_question_count(NEW.created_at, NEW.type_id, NEW.is_answered, 1); END IF;
  END`)
    .execute(db);

  await sql
    .raw(`CREATE TRIGGER questions_count_update AFTER UPDATE ON questions FOR EACH ROW
  BEGIN
    DECLARE was_counted BOOLEAN DEFAULT OLD.deleted_at IS NULL;
    DECLARE is_counted BOOLEAN DEFAULT NEW.deleted_at IS NULL;
    IF was_counted <> is_counted OR OLD.created_at <> NEW.created_at OR OLD.type_id <> NEW.type_id OR OLD.is_answered <> NEW.is_answered THEN
      IF (${KST_DAY('OLD.created_at')}, OLD.type_id, OLD.is_answered) <= (${KST_DAY('NEW.created_at')}, NEW.type_id, NEW.is_answered) THEN
        IF was_counted THEN CALL add_question_count(OLD.created_at, OLD.type_id, OLD.is_answered, -1); END IF;
        IF is_counted THEN CALL add_question_count(NEW.created_at, NEW.type_id, NEW.is_answered, 1); END IF;
      ELSE
        IF is_counted THEN CALL add_question_count(NEW.created_at, NEW.type_id, NEW.is_answered, 1); END IF;
        IF was_counted THEN CALL add_question_count(OLD.created_at, OLD.type_id, OLD.is_answered, -1); END IF;
      END IF;
    END IF;
  END`)
    .execute(db);

  await sql
    .raw(`CREATE TRIGGER questions_count_delete AFTER DELETE ON questions FOR EACH ROW
  BEGIN
    IF OLD.deleted_at IS NULL THEN CALL add_question_count(OLD.created_at, OLD.type_id, OLD.is_answered, -1); END IF;
  END`)
    .execute(db);

  await sql
    .raw(`INSERT INTO question_counts (question_day, type_id, is_answered, question_count)
    SELECT ${KST_DAY('created_at')}, type_id, is_answered, COUNT(*) FROM questions WHERE deleted_at IS NULL
    GROUP BY ${KST_DAY('created_at')}, type_id, is_answered`)
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const trigger of ['questions_count_delete', 'questions_count_update', 'questions_count_insert']) {
    await sql.raw(`DROP TRIGGER IF EXISTS ${trigger}`).execute(db);
  }
  await sql`DROP PROCEDURE IF EXISTS add_question_count`.execute(db);
  await sql`DROP TABLE question_counts`.execute(db);
  const drops = INDEXES.map((add) => add.replace(/^ADD KEY (\S+).*$/, 'DROP KEY $1'));
  await sql.raw(`ALTER TABLE questions ${drops.join(', ')}, DROP KEY ix_questions_product, ${PRODUCT_SHOPPER}`).execute(db);
}
