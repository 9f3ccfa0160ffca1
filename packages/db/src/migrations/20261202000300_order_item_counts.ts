import { sql, type Kysely } from 'kysely';

// order_item_counts: order items per seller and status, for the order desk's summary tabs (an admin sums a
// status over the sellers). Kept by triggers on order_items inside every writing transaction, whoever writes
// (checkout, a transition, the auto-confirm job, a seed, a hand-run UPDATE), like product_counts. A status move
// updates its two counter rows in key order (the enum's index), so two moves cannot deadlock on them; a
// checkout inserts its items seller by seller in ascending id for the same reason. Triggers honour
// @skip_order_item_counts: a bulk loader sets it and rebuilds the table once (rebuildOrderItemCounts).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE order_item_counts (
    seller_id INT UNSIGNED NOT NULL,
    status ENUM('paid','preparing','shipping','delivered','confirmed','cancelled','refund_requested','refunded') NOT NULL,
    item_count INT NOT NULL,
    PRIMARY KEY (seller_id, status),
    KEY ix_order_item_counts_status (status, seller_id, item_count)
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`.execute(db);

  await sql
    .raw(`CREATE PROCEDURE add_order_item_count(IN p_seller_id INT UNSIGNED, IN p_status VARCHAR(20), IN p_delta INT)
  BEGIN
    IF @skip_order_item_counts IS NULL THEN
      INSERT INTO order_item_counts (seller_id, status, item_count) VALUES (p_seller_id, p_status, p_delta)
      ON DUPLICATE KEY UPDATE item_count = item_count + p_delta;
    END IF;
  END`)
    .execute(db);

  await sql
    .raw(`CREATE TRIGGER order_items_count_insert AFTER INSERT ON order_items FOR EACH ROW
  BEGIN
    CALL add_order_item_count(NEW.seller_id, NEW.status, 1);
  END`)
    .execute(db);

  await sql
    .raw(`CREATE TRIGGER order_items_count_update AFTER UPDATE ON order_items FOR EACH ROW
  BEGIN
    IF OLD.status <> NEW.status OR OLD.seller_id <> NEW.seller_id THEN
      IF (OLD.seller_id, OLD.status + 0) <= (NEW.seller_id, NEW.status + 0) THEN
        CALL add_order_item_count(OLD.seller_id, OLD.status, -1);
        CALL add_order_item_count(NEW.seller_id, NEW.status, 1);
      ELSE
        CALL add_order_item_count(NEW.seller_id, NEW.status, 1);
        CALL add_order_item_count(OLD.seller_id, OLD.status, -1);
      END IF;
    END IF;
  END`)
    .execute(db);

  await sql
    .raw(`CREATE TRIGGER order_items_count_delete AFTER DELETE ON order_items FOR EACH ROW
  BEGIN
    CALL add_order_item_count(OLD.seller_id, OLD.status, -1);
  END`)
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const trigger of ['order_items_count_delete', 'order_items_count_update', 'order_items_count_insert']) {
    await sql.raw(`DROP TRIGGER IF EXISTS ${trigger}`).execute(db);
  }
  await sql`DROP PROCEDURE IF EXISTS add_order_item_count`.execute(db);
  await sql`DROP TABLE order_item_counts`.execute(db);
}
