import { sql, type Kysely } from 'kysely';

// A back-office name search combined with other filters (flags, discount, dates, sellers) read each matching
// product's row to test them: ~100k primary-key reads for a common word, 0.8–1.8 s at 1M products.
// product_token_facets holds, per live product and distinct name token (split on ' ' as product_name_tokens),
// the columns the list filters and orders by, and the name: a word's products under one token are a range of
// (token, created_at, product_id), so a page is read in registration order and a total counted, index only;
// the other words of a search are tested on the row's name (LIKE, the name column's own collation), with no
// probe per product (a probe or a semi-join per candidate cost 0.3–1.2 s for two common words at 1M). Its own triggers keep it (inside every writing
// transaction, whatever writes) and honour @skip_product_counts (the bulk loader writes it per batch).
// The backfill assumes no writer runs during the migration.

const TOKEN = 'VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin';
const FACETS = (row: string) =>
  `${row}.id, ${row}.name, ${row}.created_at, ${row}.seller_id, ${row}.is_on_sale, ${row}.is_displayed, ${row}.discount_rate, ${row}.discount_starts_at, ${row}.discount_ends_at`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(`CREATE TABLE product_token_facets (
    token ${TOKEN} NOT NULL,
    created_at DATETIME(3) NOT NULL,
    product_id INT UNSIGNED NOT NULL,
    seller_id INT UNSIGNED NOT NULL,
    is_on_sale TINYINT(1) NOT NULL,
    is_displayed TINYINT(1) NOT NULL,
    discount_rate TINYINT UNSIGNED NOT NULL,
    discount_starts_at DATETIME(3) NULL,
    discount_ends_at DATETIME(3) NULL,
    name VARCHAR(100) NOT NULL,
    PRIMARY KEY (token, created_at, product_id),
    KEY ix_product_token_facets_product (product_id, token)
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`)
    .execute(db);

  await sql
    .raw(`CREATE PROCEDURE index_product_facets(IN p_id INT UNSIGNED, IN p_name ${TOKEN}, IN p_created_at DATETIME(3),
    IN p_seller_id INT UNSIGNED, IN p_on_sale TINYINT, IN p_displayed TINYINT, IN p_rate TINYINT UNSIGNED,
    IN p_starts DATETIME(3), IN p_ends DATETIME(3))
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
        INSERT IGNORE INTO name_tokens (token) VALUES (v_token);
        INSERT IGNORE INTO product_token_facets (token, created_at, product_id, seller_id, is_on_sale, is_displayed, discount_rate, discount_starts_at, discount_ends_at, name)
        VALUES (v_token, p_created_at, p_id, p_seller_id, p_on_sale, p_displayed, p_rate, p_starts, p_ends, p_name);
      END IF;
    END WHILE;
  END`)
    .execute(db);

  await sql
    .raw(`CREATE TRIGGER products_facets_insert AFTER INSERT ON products FOR EACH ROW
  BEGIN
    IF @skip_product_counts IS NULL AND NEW.deleted_at IS NULL THEN
      CALL index_product_facets(${FACETS('NEW')});
    END IF;
  END`)
    .execute(db);

  await sql
    .raw(`CREATE TRIGGER products_facets_update AFTER UPDATE ON products FOR EACH ROW
  BEGIN
    IF @skip_product_counts IS NULL AND NOT (
      (OLD.deleted_at IS NULL) <=> (NEW.deleted_at IS NULL) AND OLD.name COLLATE utf8mb4_bin <=> NEW.name COLLATE utf8mb4_bin
      AND OLD.created_at <=> NEW.created_at AND OLD.seller_id <=> NEW.seller_id
      AND OLD.is_on_sale <=> NEW.is_on_sale AND OLD.is_displayed <=> NEW.is_displayed AND OLD.discount_rate <=> NEW.discount_rate
      AND OLD.discount_starts_at <=> NEW.discount_starts_at AND OLD.discount_ends_at <=> NEW.discount_ends_at) THEN
      DELETE FROM product_token_facets WHERE product_id = OLD.id;
      IF NEW.deleted_at IS NULL THEN
        CALL index_product_facets(${FACETS('NEW')});
      END IF;
    END IF;
  END`)
    .execute(db);

  await sql
    .raw(`CREATE TRIGGER products_facets_delete AFTER DELETE ON products FOR EACH ROW
  BEGIN
    IF @skip_product_counts IS NULL THEN
      DELETE FROM product_token_facets WHERE product_id = OLD.id;
    END IF;
  END`)
    .execute(db);

  // From the postings (already split), so no name is split again here.
  await sql`INSERT IGNORE INTO product_token_facets (token, created_at, product_id, seller_id, is_on_sale, is_displayed, discount_rate, discount_starts_at, discount_ends_at, name)
    SELECT t.token, p.created_at, p.id, p.seller_id, p.is_on_sale, p.is_displayed, p.discount_rate, p.discount_starts_at, p.discount_ends_at, p.name
    FROM product_name_tokens t INNER JOIN products p ON p.id = t.product_id WHERE p.deleted_at IS NULL`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const trigger of ['products_facets_delete', 'products_facets_update', 'products_facets_insert']) {
    await sql.raw(`DROP TRIGGER IF EXISTS ${trigger}`).execute(db);
  }
  await sql`DROP PROCEDURE IF EXISTS index_product_facets`.execute(db);
  await sql`DROP TABLE product_token_facets`.execute(db);
}
