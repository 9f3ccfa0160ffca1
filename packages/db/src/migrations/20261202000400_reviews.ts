import { sql, type Kysely } from 'kysely';

const TABLE_OPTIONS = sql.raw('ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci');

// Reviews, one per order item (soft-deleted ones included: an item is reviewed once), and the per-product
// rating summary, kept in each review write's transaction so a product page never counts reviews.
// option_color / option_size are copied from the item for the list.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE reviews (
    id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    order_item_id INT UNSIGNED NOT NULL,
    product_id INT UNSIGNED NOT NULL,
    shopper_id INT UNSIGNED NOT NULL,
    option_color VARCHAR(50) NOT NULL,
    option_size VARCHAR(50) NOT NULL,
    rating TINYINT UNSIGNED NOT NULL,
    fit ENUM('fits','small','large') NOT NULL,
    content VARCHAR(2000) NOT NULL,
    created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    deleted_at DATETIME(3) NULL,
    UNIQUE KEY uq_reviews_order_item (order_item_id),
    KEY ix_reviews_product_created (product_id, deleted_at, created_at, id),
    KEY ix_reviews_product_rating (product_id, deleted_at, rating, created_at, id),
    KEY ix_reviews_shopper_created (shopper_id, deleted_at, created_at, id),
    CONSTRAINT fk_reviews_order_item FOREIGN KEY (order_item_id) REFERENCES order_items (id),
    CONSTRAINT fk_reviews_product FOREIGN KEY (product_id) REFERENCES products (id),
    CONSTRAINT fk_reviews_shopper FOREIGN KEY (shopper_id) REFERENCES shoppers (id)
  ) ${TABLE_OPTIONS}`.execute(db);

  await sql`CREATE TABLE product_review_stats (
    product_id INT UNSIGNED NOT NULL PRIMARY KEY,
    review_count INT UNSIGNED NOT NULL DEFAULT 0,
    rating_sum INT UNSIGNED NOT NULL DEFAULT 0,
    rating_1 INT UNSIGNED NOT NULL DEFAULT 0,
    rating_2 INT UNSIGNED NOT NULL DEFAULT 0,
    rating_3 INT UNSIGNED NOT NULL DEFAULT 0,
    rating_4 INT UNSIGNED NOT NULL DEFAULT 0,
    rating_5 INT UNSIGNED NOT NULL DEFAULT 0,
    fit_fits INT UNSIGNED NOT NULL DEFAULT 0,
    fit_small INT UNSIGNED NOT NULL DEFAULT 0,
    fit_large INT UNSIGNED NOT NULL DEFAULT 0,
    CONSTRAINT fk_product_review_stats_product FOREIGN KEY (product_id) REFERENCES products (id)
  ) ${TABLE_OPTIONS}`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE product_review_stats`.execute(db);
  await sql`DROP TABLE reviews`.execute(db);
}
