import { sql, type Kysely } from 'kysely';

// Two common words that seldom share a name (each in ~10% of a million names, together in 0.1%) cost ~100k
// reads either way without this: through one word's postings, or along a sort index until the page fills.
// product_name_token_pairs holds a posting per pair of distinct tokens of a live product's name (token_a <
// token_b in binary order), so the products holding both words are read directly: one posting per match.
// index_product_name (called by the triggers of migration 20261130000300) now keeps the pairs as well; a
// name of t tokens has t(t-1)/2 pairs (at most 1,225 for 100 characters). The backfill assumes no writer runs.

const TOKEN = 'VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin';

// Splits the name on ' ' (empty runs skipped); each token's postings, then its pair with every later token.
const PROCEDURE_WITH_PAIRS = `CREATE PROCEDURE index_product_name(IN p_id INT UNSIGNED, IN p_name ${TOKEN}, IN p_add BOOLEAN)
  BEGIN
    DECLARE v_rest ${TOKEN} DEFAULT p_name;
    DECLARE v_token ${TOKEN};
    DECLARE v_later ${TOKEN};
    DECLARE v_other ${TOKEN};
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
        SET v_later = v_rest;
        WHILE CHAR_LENGTH(v_later) > 0 DO
          SET v_space = LOCATE(' ', v_later);
          IF v_space = 0 THEN
            SET v_other = v_later;
            SET v_later = '';
          ELSE
            SET v_other = LEFT(v_later, v_space - 1);
            SET v_later = SUBSTRING(v_later, v_space + 1);
          END IF;
          IF CHAR_LENGTH(v_other) > 0 AND v_other <> v_token THEN
            IF p_add THEN
              INSERT IGNORE INTO product_name_token_pairs (token_a, token_b, product_id)
                VALUES (LEAST(v_token, v_other), GREATEST(v_token, v_other), p_id);
            ELSE
              DELETE FROM product_name_token_pairs
                WHERE token_a = LEAST(v_token, v_other) AND token_b = GREATEST(v_token, v_other) AND product_id = p_id;
            END IF;
          END IF;
        END WHILE;
      END IF;
    END WHILE;
  END`;

// The procedure as migration 20261130000300 created it, restored by down().
const PROCEDURE_WITHOUT_PAIRS = `CREATE PROCEDURE index_product_name(IN p_id INT UNSIGNED, IN p_name ${TOKEN}, IN p_add BOOLEAN)
  BEGIN
    DECLARE v_rest ${TOKEN} DEFAULT p_name;
    DECLARE v_token ${TOKEN};
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
  END`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(`CREATE TABLE product_name_token_pairs (
    token_a ${TOKEN} NOT NULL,
    token_b ${TOKEN} NOT NULL,
    product_id INT UNSIGNED NOT NULL,
    PRIMARY KEY (token_a, token_b, product_id)
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`)
    .execute(db);
  await sql`DROP PROCEDURE IF EXISTS index_product_name`.execute(db);
  await sql.raw(PROCEDURE_WITH_PAIRS).execute(db);
  await backfill(db);
}

/** Pairs from the postings: a copy keyed by product lets each posting find its name's other tokens. */
async function backfill(db: Kysely<any>): Promise<void> {
  await sql
    .raw(`CREATE TABLE name_token_pairs_backfill (
    product_id INT UNSIGNED NOT NULL,
    token ${TOKEN} NOT NULL,
    PRIMARY KEY (product_id, token)
  ) ENGINE=InnoDB`)
    .execute(db);
  try {
    await sql`INSERT INTO name_token_pairs_backfill (product_id, token) SELECT product_id, token FROM product_name_tokens`.execute(db);
    await sql`INSERT IGNORE INTO product_name_token_pairs (token_a, token_b, product_id)
      SELECT t.token, b.token, t.product_id
      FROM product_name_tokens t INNER JOIN name_token_pairs_backfill b ON b.product_id = t.product_id AND b.token > t.token`.execute(db);
  } finally {
    await sql`DROP TABLE name_token_pairs_backfill`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP PROCEDURE IF EXISTS index_product_name`.execute(db);
  await sql.raw(PROCEDURE_WITHOUT_PAIRS).execute(db);
  await sql`DROP TABLE product_name_token_pairs`.execute(db);
}
