import { sql, type Kysely } from 'kysely';

// Exact back-office totals without counting a million rows: live (not deleted) products per registration day
// in Asia/Seoul, seller attribute and the two flags. Triggers keep it in step inside every writing transaction,
// whatever writes (API, seed, bulk loader, a hand-run UPDATE). Counter updates are applied in key order, so two
// transactions moving products between the same two rows cannot deadlock on them.
// The backfill assumes no writer runs during the migration (migrations are a deploy step, before services start).
// A session that sets @skip_product_counts (the bulk benchmark loader) skips the per-row upkeep and must call
// rebuildProductCounts afterwards.

const KST_DAY = (column: string) => `DATE(${column} + INTERVAL 9 HOUR)`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE product_counts (
    registered_day DATE NOT NULL,
    attribute_id INT UNSIGNED NOT NULL COMMENT 'the seller''s attribute; 0 when it has none',
    is_on_sale TINYINT(1) NOT NULL,
    is_displayed TINYINT(1) NOT NULL,
    product_count INT NOT NULL,
    PRIMARY KEY (registered_day, attribute_id, is_on_sale, is_displayed),
    KEY ix_product_counts_attribute (attribute_id, registered_day)
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`.execute(db);

  // The seller row is read with a shared lock (the FK check holds one anyway) so a concurrent attribute change
  // is either seen whole or waits for this transaction.
  await sql
    .raw(`CREATE PROCEDURE add_product_count(IN p_seller_id BIGINT, IN p_created_at DATETIME(3), IN p_on_sale TINYINT, IN p_displayed TINYINT, IN p_delta INT)
  BEGIN
    DECLARE v_attribute INT DEFAULT 0;
    IF @skip_product_counts IS NULL THEN
    SELECT COALESCE(attribute_id, 0) INTO v_attribute FROM sellers WHERE id = p_seller_id LOCK IN SHARE MODE;
    INSERT INTO product_counts (registered_day, attribute_id, is_on_sale, is_displayed, product_count)
    VALUES (${KST_DAY('p_created_at')}, v_attribute, p_on_sale, p_displayed, p_delta)
    ON DUPLICATE KEY UPDATE product_count = product_count + p_delta;
    END IF;
  END`)
    .execute(db);

  await sql
    .raw(`CREATE TRIGGER products_count_insert AFTER INSERT ON products FOR EACH ROW
  BEGIN
    IF NEW.deleted_at IS NULL THEN
      CALL add_product_count(NEW.seller_id, NEW.created_at, NEW.is_on_sale, NEW.is_displayed, 1);
    END IF;
  END`)
    .execute(db);

  await sql
    .raw(`CREATE TRIGGER products_count_update AFTER UPDATE ON products FOR EACH ROW
  BEGIN
    DECLARE was_counted BOOLEAN DEFAULT OLD.deleted_at IS NULL;
    DECLARE is_counted BOOLEAN DEFAULT NEW.deleted_at IS NULL;
    IF was_counted <> is_counted OR OLD.seller_id <> NEW.seller_id OR OLD.created_at <> NEW.created_at
       OR OLD.is_on_sale <> NEW.is_on_sale OR OLD.is_displayed <> NEW.is_displayed THEN
      IF (${KST_DAY('OLD.created_at')}, OLD.seller_id, OLD.is_on_sale, OLD.is_displayed)
         <= (${KST_DAY('NEW.created_at')}, NEW.seller_id, NEW.is_on_sale, NEW.is_displayed) THEN
        IF was_counted THEN CALL add_product_count(OLD.seller_id, OLD.created_at, OLD.is_on_sale, OLD.is_displayed, -1); END IF;
        IF is_counted THEN CALL add_product_count(NEW.seller_id, NEW.created_at, NEW.is_on_sale, NEW.is_displayed, 1); END IF;
      ELSE
        IF is_counted THEN CALL add_product_count(NEW.seller_id, NEW.created_at, NEW.is_on_sale, NEW.is_displayed, 1); END IF;
        IF was_counted THEN CALL add_product_count(OLD.seller_id, OLD.created_at, OLD.is_on_sale, OLD.is_displayed, -1); END IF;
      END IF;
    END IF;
  END`)
    .execute(db);

  await sql
    .raw(`CREATE TRIGGER products_count_delete AFTER DELETE ON products FOR EACH ROW
  BEGIN
    IF OLD.deleted_at IS NULL THEN
      CALL add_product_count(OLD.seller_id, OLD.created_at, OLD.is_on_sale, OLD.is_displayed, -1);
    END IF;
  END`)
    .execute(db);

  // A seller moving to another attribute takes its live products' counts along.
  const moveCounts = (attribute: string, sign: string) => `
      INSERT INTO product_counts (registered_day, attribute_id, is_on_sale, is_displayed, product_count)
      SELECT ${KST_DAY('p.created_at')}, COALESCE(${attribute}, 0), p.is_on_sale, p.is_displayed, ${sign}COUNT(*)
      FROM products p WHERE p.seller_id = NEW.id AND p.deleted_at IS NULL
      GROUP BY ${KST_DAY('p.created_at')}, p.is_on_sale, p.is_displayed
      ON DUPLICATE KEY UPDATE product_count = product_count + VALUES(product_count);`;
  await sql
    .raw(`CREATE TRIGGER sellers_count_attribute AFTER UPDATE ON sellers FOR EACH ROW
  BEGIN
    IF NOT (OLD.attribute_id <=> NEW.attribute_id) THEN
      ${moveCounts('OLD.attribute_id', '-')}
      ${moveCounts('NEW.attribute_id', '')}
    END IF;
  END`)
    .execute(db);

  await sql
    .raw(`INSERT INTO product_counts (registered_day, attribute_id, is_on_sale, is_displayed, product_count)
    SELECT ${KST_DAY('p.created_at')}, COALESCE(s.attribute_id, 0), p.is_on_sale, p.is_displayed, COUNT(*)
    FROM products p INNER JOIN sellers s ON s.id = p.seller_id
    WHERE p.deleted_at IS NULL
    GROUP BY ${KST_DAY('p.created_at')}, COALESCE(s.attribute_id, 0), p.is_on_sale, p.is_displayed`)
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const trigger of ['sellers_count_attribute', 'products_count_delete', 'products_count_update', 'products_count_insert']) {
    await sql.raw(`DROP TRIGGER IF EXISTS ${trigger}`).execute(db);
  }
  await sql`DROP PROCEDURE IF EXISTS add_product_count`.execute(db);
  await sql`DROP TABLE product_counts`.execute(db);
}
