import { sql, type Kysely } from 'kysely';

// Back-office product list paths at a million products.
// - ix_products_live_created: live products in registration order with every column the list filters on (but
//   the name: name searches go through product_token_facets), so a page (first or 10,000 rows deep) is read off
//   this index alone and only its ids are joined to the rows. ix_products_live_on_sale / _displayed: the same
//   after a flag, so a rare flag value (5% / 3% of products) is read in order without skipping the others.
// - ix_products_seller_live: the same per seller (a seller's own list in order, a few sellers' products, the
//   counts of a set of sellers), index only. It has every column of ix_products_seller_flags, which it replaces.
// - seller_product_counts: live products per seller and the two flags, kept by triggers inside every writing
//   transaction (counter rows updated in key order). A seller-name filter that matches many sellers is totalled
//   from it (≤ 4 rows a seller) and it tells how many products a set of sellers has (which side drives a page).
// Triggers honour @skip_product_counts (the bulk loader rebuilds the table with rebuildProductCounts).
// The backfill assumes no writer runs during the migration.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE products
    ADD KEY ix_products_live_created (deleted_at, created_at, id, seller_id, is_on_sale, is_displayed, discount_rate, discount_starts_at, discount_ends_at),
    ADD KEY ix_products_live_on_sale (deleted_at, is_on_sale, created_at, id, seller_id, is_displayed, discount_rate, discount_starts_at, discount_ends_at),
    ADD KEY ix_products_live_displayed (deleted_at, is_displayed, created_at, id, seller_id, is_on_sale, discount_rate, discount_starts_at, discount_ends_at),
    ADD KEY ix_products_seller_live (seller_id, deleted_at, created_at, id, is_on_sale, is_displayed, discount_rate, discount_starts_at, discount_ends_at, name),
    DROP KEY ix_products_seller_flags`.execute(db);

  // A discounted page for a list of sellers reads their product_discounts rows: index only with these columns.
  await sql`ALTER TABLE product_discounts ADD KEY ix_product_discounts_seller_live (seller_id, ends_at, starts_at, created_at, is_on_sale, is_displayed)`.execute(
    db,
  );

  await sql`CREATE TABLE seller_product_counts (
    seller_id INT UNSIGNED NOT NULL,
    is_on_sale TINYINT(1) NOT NULL,
    is_displayed TINYINT(1) NOT NULL,
    product_count INT NOT NULL,
    PRIMARY KEY (seller_id, is_on_sale, is_displayed)
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`.execute(db);

  await sql
    .raw(`CREATE PROCEDURE add_seller_product_count(IN p_seller_id INT UNSIGNED, IN p_on_sale TINYINT, IN p_displayed TINYINT, IN p_delta INT)
  BEGIN
    IF @skip_product_counts IS NULL THEN
      INSERT INTO seller_product_counts (seller_id, is_on_sale, is_displayed, product_count)
      VALUES (p_seller_id, p_on_sale, p_displayed, p_delta)
      ON DUPLICATE KEY UPDATE product_count = product_count + p_delta;
    END IF;
  END`)
    .execute(db);

  await sql
    .raw(`CREATE TRIGGER products_seller_count_insert AFTER INSERT ON products FOR EACH ROW
  BEGIN
    IF NEW.deleted_at IS NULL THEN CALL add_seller_product_count(NEW.seller_id, NEW.is_on_sale, NEW.is_displayed, 1); END IF;
  END`)
    .execute(db);

  await sql
    .raw(`CREATE TRIGGER products_seller_count_update AFTER UPDATE ON products FOR EACH ROW
  BEGIN
    DECLARE was_counted BOOLEAN DEFAULT OLD.deleted_at IS NULL;
    DECLARE is_counted BOOLEAN DEFAULT NEW.deleted_at IS NULL;
    IF was_counted <> is_counted OR OLD.seller_id <> NEW.seller_id OR OLD.is_on_sale <> NEW.is_on_sale OR OLD.is_displayed <> NEW.is_displayed THEN
      IF (OLD.seller_id, OLD.is_on_sale, OLD.is_displayed) <= (NEW.seller_id, NEW.is_on_sale, NEW.is_displayed) THEN
        IF was_counted THEN CALL add_seller_product_count(OLD.seller_id, OLD.is_on_sale, OLD.is_displayed, -1); END IF;
        IF is_counted THEN CALL add_seller_product_count(NEW.seller_id, NEW.is_on_sale, NEW.is_displayed, 1); END IF;
      ELSE
        IF is_counted THEN CALL add_seller_product_count(NEW.seller_id, NEW.is_on_sale, NEW.is_displayed, 1); END IF;
        IF was_counted THEN CALL add_seller_product_count(OLD.seller_id, OLD.is_on_sale, OLD.is_displayed, -1); END IF;
      END IF;
    END IF;
  END`)
    .execute(db);

  await sql
    .raw(`CREATE TRIGGER products_seller_count_delete AFTER DELETE ON products FOR EACH ROW
  BEGIN
    IF OLD.deleted_at IS NULL THEN CALL add_seller_product_count(OLD.seller_id, OLD.is_on_sale, OLD.is_displayed, -1); END IF;
  END`)
    .execute(db);

  await sql`INSERT INTO seller_product_counts (seller_id, is_on_sale, is_displayed, product_count)
    SELECT seller_id, is_on_sale, is_displayed, COUNT(*) FROM products WHERE deleted_at IS NULL
    GROUP BY seller_id, is_on_sale, is_displayed`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const trigger of ['products_seller_count_delete', 'products_seller_count_update', 'products_seller_count_insert']) {
    await sql.raw(`DROP TRIGGER IF EXISTS ${trigger}`).execute(db);
  }
  await sql`DROP PROCEDURE IF EXISTS add_seller_product_count`.execute(db);
  await sql`DROP TABLE seller_product_counts`.execute(db);
  await sql`ALTER TABLE product_discounts DROP KEY ix_product_discounts_seller_live`.execute(db);
  await sql`ALTER TABLE products
    ADD KEY ix_products_seller_flags (seller_id, is_on_sale, is_displayed, discount_rate, discount_starts_at, discount_ends_at, deleted_at, created_at, name),
    DROP KEY ix_products_live_created, DROP KEY ix_products_live_on_sale, DROP KEY ix_products_live_displayed, DROP KEY ix_products_seller_live`.execute(
    db,
  );
}
