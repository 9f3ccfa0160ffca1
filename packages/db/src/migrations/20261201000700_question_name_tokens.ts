import { sql, type Kysely } from 'kysely';

// The inbox's product-name filter without joining each matching product to its questions (~100k products for
// a common word: 0.4–0.8 s a page view at 1M). question_name_tokens holds, per live question, a posting for
// each distinct token of its product's name (split on ' ' as product_name_tokens; products deleted or not, as
// the inbox lists their questions) with the columns the inbox filters and orders by. A word's questions are
// then a range of (token, created_at, question_id): a page is read in order, a total counted, index only.
// Tokens are also added to the vocabulary (name_tokens, insert-only). Triggers on questions (insert, soft
// delete, answer) and on products (rename) keep it in step; they honour @skip_product_counts (the bulk loader
// writes the postings per batch from the names it has). The backfill assumes no writer runs during it.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE question_name_tokens (
    token VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    question_id INT UNSIGNED NOT NULL,
    created_at DATETIME(3) NOT NULL,
    is_answered TINYINT(1) NOT NULL,
    type_id TINYINT UNSIGNED NOT NULL,
    PRIMARY KEY (token, question_id),
    KEY ix_question_name_tokens_created (token, created_at, question_id, is_answered, type_id),
    KEY ix_question_name_tokens_question (question_id)
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`.execute(db);

  // Adds the postings of one product name for one question (p_question_id) or for every live question of the
  // product (p_question_id NULL, after a rename).
  await sql
    .raw(`CREATE PROCEDURE index_question_names(IN p_product_id INT UNSIGNED, IN p_question_id INT UNSIGNED,
    IN p_name VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    IN p_created_at DATETIME(3), IN p_answered TINYINT, IN p_type_id TINYINT UNSIGNED)
  BEGIN
    DECLARE v_rest VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin DEFAULT p_name;
    DECLARE v_token VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
    DECLARE v_space INT;
    WHILE CHAR_LENGTH(v_rest) > 0 DO
      SET v_space = LOCATE(' ', v_rest);
      IF v_space = 0 THEN
        SET v_token = v_rest;
        SET v_rest = '';
      ELSE
        SET v_token = LEFT(v_rest, v_space - 1);
        SET v_rest = SUBSTRING(v_rest, v_space + 1);
      END IF;
      IF CHAR_LENGTH(v_token) > 0 THEN
        INSERT IGNORE INTO name_tokens (token) VALUES (v_token);
        IF p_question_id IS NULL THEN
          INSERT IGNORE INTO question_name_tokens (token, question_id, created_at, is_answered, type_id)
          SELECT v_token, q.id, q.created_at, q.is_answered, q.type_id FROM questions q WHERE q.product_id = p_product_id AND q.deleted_at IS NULL;
        ELSE
          INSERT IGNORE INTO question_name_tokens (token, question_id, created_at, is_answered, type_id)
          VALUES (v_token, p_question_id, p_created_at, p_answered, p_type_id);
        END IF;
      END IF;
    END WHILE;
  END`)
    .execute(db);

  await sql
    .raw(`CREATE TRIGGER questions_name_insert AFTER INSERT ON questions FOR EACH ROW
  BEGIN
    DECLARE v_name VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
    IF @skip_product_counts IS NULL AND NEW.deleted_at IS NULL THEN
      SELECT name INTO v_name FROM products WHERE id = NEW.product_id;
      CALL index_question_names(NEW.product_id, NEW.id, v_name, NEW.created_at, NEW.is_answered, NEW.type_id);
    END IF;
  END`)
    .execute(db);

  await sql
    .raw(`CREATE TRIGGER questions_name_update AFTER UPDATE ON questions FOR EACH ROW
  BEGIN
    DECLARE v_name VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
    IF @skip_product_counts IS NULL THEN
      IF NOT ((OLD.deleted_at IS NULL) <=> (NEW.deleted_at IS NULL)) OR OLD.product_id <> NEW.product_id THEN
        DELETE FROM question_name_tokens WHERE question_id = OLD.id;
        IF NEW.deleted_at IS NULL THEN
          SELECT name INTO v_name FROM products WHERE id = NEW.product_id;
          CALL index_question_names(NEW.product_id, NEW.id, v_name, NEW.created_at, NEW.is_answered, NEW.type_id);
        END IF;
      ELSEIF NEW.deleted_at IS NULL AND (OLD.created_at <> NEW.created_at OR OLD.is_answered <> NEW.is_answered OR OLD.type_id <> NEW.type_id) THEN
        UPDATE question_name_tokens SET created_at = NEW.created_at, is_answered = NEW.is_answered, type_id = NEW.type_id WHERE question_id = NEW.id;
      END IF;
    END IF;
  END`)
    .execute(db);

  await sql
    .raw(`CREATE TRIGGER questions_name_delete AFTER DELETE ON questions FOR EACH ROW
  BEGIN
    IF @skip_product_counts IS NULL THEN
      DELETE FROM question_name_tokens WHERE question_id = OLD.id;
    END IF;
  END`)
    .execute(db);

  await sql
    .raw(`CREATE TRIGGER products_question_names_update AFTER UPDATE ON products FOR EACH ROW
  BEGIN
    IF @skip_product_counts IS NULL AND NOT (OLD.name COLLATE utf8mb4_bin <=> NEW.name COLLATE utf8mb4_bin) THEN
      DELETE t FROM question_name_tokens t INNER JOIN questions q ON q.id = t.question_id WHERE q.product_id = NEW.id;
      CALL index_question_names(NEW.id, NULL, NEW.name, NULL, NULL, NULL);
    END IF;
  END`)
    .execute(db);

  await backfill(db);
}

async function backfill(db: Kysely<any>): Promise<void> {
  const tokens = `WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 101)
    SELECT CAST(SUBSTRING_INDEX(SUBSTRING_INDEX(p.name, ' ', n.i), ' ', -1) AS CHAR(100) CHARACTER SET utf8mb4) COLLATE utf8mb4_bin AS token,
      q.id AS question_id, q.created_at, q.is_answered, q.type_id
    FROM questions q INNER JOIN products p ON p.id = q.product_id
    INNER JOIN n ON n.i <= 1 + CHAR_LENGTH(p.name) - CHAR_LENGTH(REPLACE(p.name, ' ', ''))
    WHERE q.deleted_at IS NULL`;
  await sql
    .raw(`INSERT IGNORE INTO question_name_tokens (token, question_id, created_at, is_answered, type_id)
    SELECT token, question_id, created_at, is_answered, type_id FROM (${tokens}) t WHERE CHAR_LENGTH(token) > 0`)
    .execute(db);
  await sql`INSERT IGNORE INTO name_tokens (token) SELECT DISTINCT token FROM question_name_tokens`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const trigger of ['products_question_names_update', 'questions_name_delete', 'questions_name_update', 'questions_name_insert']) {
    await sql.raw(`DROP TRIGGER IF EXISTS ${trigger}`).execute(db);
  }
  await sql`DROP PROCEDURE IF EXISTS index_question_names`.execute(db);
  await sql`DROP TABLE question_name_tokens`.execute(db);
}
