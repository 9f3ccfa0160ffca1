import { sql, type Kysely } from 'kysely';

// "Discount active now" depends on the clock, so it cannot be counted ahead like product_counts. This table
// holds just the live products that have a discount set (rate > 0) with their window and the columns the
// back office combines with it, under an index the window predicate can range over: an admin's discounted
// total then reads the ~30% of products that have a discount, index only, instead of every product joined to
// its seller. Triggers keep it in step inside every writing transaction, like product_counts, and honour the
// same @skip_product_counts (the bulk loader then calls rebuildProductCounts, which rebuilds this too).
// The backfill assumes no writer runs during the migration.

const TRACKED = `NEW.deleted_at IS NULL AND NEW.discount_rate > 0`;
const INSERT_NEW = `INSERT INTO product_discounts (product_id, seller_id, starts_at, ends_at, created_at, is_on_sale, is_displayed)
      VALUES (NEW.id, NEW.seller_id, NEW.discount_starts_at, NEW.discount_ends_at, NEW.created_at, NEW.is_on_sale, NEW.is_displayed);`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE product_discounts (
    product_id INT UNSIGNED NOT NULL PRIMARY KEY,
    seller_id INT UNSIGNED NOT NULL,
    starts_at DATETIME(3) NULL,
    ends_at DATETIME(3) NULL,
    created_at DATETIME(3) NOT NULL,
    is_on_sale TINYINT(1) NOT NULL,
    is_displayed TINYINT(1) NOT NULL,
    KEY ix_product_discounts_window (ends_at, starts_at, created_at, is_on_sale, is_displayed),
    KEY ix_product_discounts_seller (seller_id, ends_at, starts_at)
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`.execute(db);

  await sql
    .raw(`CREATE TRIGGER products_discount_insert AFTER INSERT ON products FOR EACH ROW
  BEGIN
    IF @skip_product_counts IS NULL AND ${TRACKED} THEN
      ${INSERT_NEW}
    END IF;
  END`)
    .execute(db);

  await sql
    .raw(`CREATE TRIGGER products_discount_update AFTER UPDATE ON products FOR EACH ROW
  BEGIN
    IF @skip_product_counts IS NULL AND NOT (
      (OLD.deleted_at IS NULL) <=> (NEW.deleted_at IS NULL) AND OLD.discount_rate <=> NEW.discount_rate
      AND OLD.discount_starts_at <=> NEW.discount_starts_at AND OLD.discount_ends_at <=> NEW.discount_ends_at
      AND OLD.seller_id <=> NEW.seller_id AND OLD.created_at <=> NEW.created_at
      AND OLD.is_on_sale <=> NEW.is_on_sale AND OLD.is_displayed <=> NEW.is_displayed) THEN
      DELETE FROM product_discounts WHERE product_id = OLD.id;
      IF ${TRACKED} THEN
        ${INSERT_NEW}
      END IF;
    END IF;
  END`)
    .execute(db);

  await sql
    .raw(`CREATE TRIGGER products_discount_delete AFTER DELETE ON products FOR EACH ROW
  BEGIN
    IF @skip_product_counts IS NULL THEN
      DELETE FROM product_discounts WHERE product_id = OLD.id;
    END IF;
  END`)
    .execute(db);

  await sql`INSERT INTO product_discounts (product_id, seller_id, starts_at, ends_at, created_at, is_on_sale, is_displayed)
    SELECT id, seller_id, discount_starts_at, discount_ends_at, created_at, is_on_sale, is_displayed
    FROM products WHERE deleted_at IS NULL AND discount_rate > 0`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const trigger of ['products_discount_delete', 'products_discount_update', 'products_discount_insert']) {
    await sql.raw(`DROP TRIGGER IF EXISTS ${trigger}`).execute(db);
  }
  await sql`DROP TABLE product_discounts`.execute(db);
}
