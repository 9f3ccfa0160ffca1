import { sql, type Kysely } from 'kysely';

// An exact "name contains q" total without reading every product name (~0.6 s at 1M) and without an ngram
// FULLTEXT parser (not in the MySQL 8 / MariaDB common subset). A name's tokens are its runs of characters
// between spaces; a q with no whitespace occurs in a name only inside one token, so the names containing q
// are the postings of the vocabulary tokens containing q. product_name_tokens holds a (token, product) posting
// per distinct token of every live product; name_tokens is the vocabulary (insert-only: a token no product
// uses any more stays, matching nothing, so registrations never contend on a shared counter row).
// Tokens compare in binary: 'Nike' and 'NIKE' are two tokens, and the vocabulary is searched with the names'
// own case- and accent-insensitive collation, so both are found as the name column's LIKE would find them.
// Triggers keep both in step and honour @skip_product_counts (the bulk loader writes the postings itself).
// The backfill assumes no writer runs during the migration.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE name_tokens (
    token VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL PRIMARY KEY
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`.execute(db);
  await sql`CREATE TABLE product_name_tokens (
    token VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    product_id INT UNSIGNED NOT NULL,
    PRIMARY KEY (token, product_id)
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`.execute(db);

  // Walks the name token by token (split on ' '; empty runs skipped) adding or removing its postings.
  await sql
    .raw(`CREATE PROCEDURE index_product_name(IN p_id INT UNSIGNED, IN p_name VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin, IN p_add BOOLEAN)
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
        IF p_add THEN
          INSERT IGNORE INTO name_tokens (token) VALUES (v_token);
          INSERT IGNORE INTO product_name_tokens (token, product_id) VALUES (v_token, p_id);
        ELSE
          DELETE FROM product_name_tokens WHERE token = v_token AND product_id = p_id;
        END IF;
      END IF;
    END WHILE;
  END`)
    .execute(db);

  await sql
    .raw(`CREATE TRIGGER products_name_insert AFTER INSERT ON products FOR EACH ROW
  BEGIN
    IF @skip_product_counts IS NULL AND NEW.deleted_at IS NULL THEN
      CALL index_product_name(NEW.id, NEW.name, TRUE);
    END IF;
  END`)
    .execute(db);

  await sql
    .raw(`CREATE TRIGGER products_name_update AFTER UPDATE ON products FOR EACH ROW
  BEGIN
    IF @skip_product_counts IS NULL AND NOT (
      (OLD.deleted_at IS NULL) <=> (NEW.deleted_at IS NULL) AND OLD.name COLLATE utf8mb4_bin <=> NEW.name COLLATE utf8mb4_bin) THEN
      IF OLD.deleted_at IS NULL THEN CALL index_product_name(OLD.id, OLD.name, FALSE); END IF;
      IF NEW.deleted_at IS NULL THEN CALL index_product_name(NEW.id, NEW.name, TRUE); END IF;
    END IF;
  END`)
    .execute(db);

  await sql
    .raw(`CREATE TRIGGER products_name_delete AFTER DELETE ON products FOR EACH ROW
  BEGIN
    IF @skip_product_counts IS NULL AND OLD.deleted_at IS NULL THEN
      CALL index_product_name(OLD.id, OLD.name, FALSE);
    END IF;
  END`)
    .execute(db);

  await backfill(db);
}

/** Every live product's tokens, one statement per table (100 characters have at most 101 space-separated runs). */
async function backfill(db: Kysely<any>): Promise<void> {
  const tokens = `WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 101)
    SELECT CAST(SUBSTRING_INDEX(SUBSTRING_INDEX(p.name, ' ', n.i), ' ', -1) AS CHAR(100) CHARACTER SET utf8mb4) COLLATE utf8mb4_bin AS token, p.id AS product_id
    FROM products p INNER JOIN n ON n.i <= 1 + CHAR_LENGTH(p.name) - CHAR_LENGTH(REPLACE(p.name, ' ', ''))
    WHERE p.deleted_at IS NULL`;
  await sql
    .raw(
      `INSERT IGNORE INTO product_name_tokens (token, product_id) SELECT token, product_id FROM (${tokens}) t WHERE CHAR_LENGTH(token) > 0`,
    )
    .execute(db);
  await sql`INSERT IGNORE INTO name_tokens (token) SELECT DISTINCT token FROM product_name_tokens`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const trigger of ['products_name_delete', 'products_name_update', 'products_name_insert']) {
    await sql.raw(`DROP TRIGGER IF EXISTS ${trigger}`).execute(db);
  }
  await sql`DROP PROCEDURE IF EXISTS index_product_name`.execute(db);
  await sql`DROP TABLE product_name_tokens`.execute(db);
  await sql`DROP TABLE name_tokens`.execute(db);
}
