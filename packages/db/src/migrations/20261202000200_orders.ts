import { sql, type Kysely } from 'kysely';

const TABLE_OPTIONS = sql.raw('ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci');

const STATUSES = sql.raw(`ENUM('paid','preparing','shipping','delivered','confirmed','cancelled','refund_requested','refunded')`);

// Shopper addresses and carts, orders, their items (one status line each), the items' status line history, the
// per-seller shipping groups and the checkout idempotency records.
// - No foreign key points at product_options: the back office rewrites a product's option rows on every edit
//   (delete + insert, ids kept), which such a key would refuse. Items copy what was ordered instead.
// - order_items carries seller_id, shopper_id and placed_at (copied from the order) so each list reads one
//   index in order: the seller desk by seller × [status ×] placed/status-changed time, the admin by
//   [status ×] time, the shopper's status filter by shopper × status.
// - orders.order_no is the KST day + the zero-padded order id (>= 6 digits), written right after the insert:
//   unique without a per-day counter row that every checkout would queue on.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE addresses (
    id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    shopper_id INT UNSIGNED NOT NULL,
    recipient VARCHAR(50) NOT NULL,
    phone VARCHAR(20) NOT NULL,
    zip_code CHAR(5) NOT NULL,
    address1 VARCHAR(200) NOT NULL,
    address2 VARCHAR(200) NOT NULL,
    is_default TINYINT(1) NOT NULL DEFAULT 0,
    created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    KEY ix_addresses_shopper (shopper_id, id),
    CONSTRAINT fk_addresses_shopper FOREIGN KEY (shopper_id) REFERENCES shoppers (id)
  ) ${TABLE_OPTIONS}`.execute(db);

  await sql`CREATE TABLE cart_lines (
    shopper_id INT UNSIGNED NOT NULL,
    option_id INT UNSIGNED NOT NULL,
    quantity TINYINT UNSIGNED NOT NULL,
    created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (shopper_id, option_id),
    CONSTRAINT fk_cart_lines_shopper FOREIGN KEY (shopper_id) REFERENCES shoppers (id)
  ) ${TABLE_OPTIONS}`.execute(db);

  await sql`CREATE TABLE orders (
    id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    order_no VARCHAR(24) NULL,
    shopper_id INT UNSIGNED NOT NULL,
    orderer_name VARCHAR(50) NOT NULL,
    orderer_phone VARCHAR(20) NOT NULL,
    orderer_phone_digits VARCHAR(20) NOT NULL,
    orderer_email VARCHAR(200) NOT NULL,
    recipient VARCHAR(50) NOT NULL,
    recipient_phone VARCHAR(20) NOT NULL,
    zip_code CHAR(5) NOT NULL,
    address1 VARCHAR(200) NOT NULL,
    address2 VARCHAR(200) NOT NULL,
    shipping_memo VARCHAR(100) NULL,
    items_total INT UNSIGNED NOT NULL,
    shipping_total INT UNSIGNED NOT NULL,
    total INT UNSIGNED NOT NULL,
    placed_at DATETIME(3) NOT NULL,
    UNIQUE KEY uq_orders_order_no (order_no),
    KEY ix_orders_shopper_placed (shopper_id, placed_at, id),
    KEY ix_orders_orderer_phone (orderer_phone_digits, id),
    KEY ix_orders_orderer_name (orderer_name, id),
    CONSTRAINT fk_orders_shopper FOREIGN KEY (shopper_id) REFERENCES shoppers (id)
  ) ${TABLE_OPTIONS}`.execute(db);

  await sql`CREATE TABLE order_items (
    id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    order_id INT UNSIGNED NOT NULL,
    item_no VARCHAR(32) NOT NULL,
    seller_id INT UNSIGNED NOT NULL,
    shopper_id INT UNSIGNED NOT NULL,
    product_id INT UNSIGNED NOT NULL,
    option_id INT UNSIGNED NOT NULL,
    product_name VARCHAR(100) NOT NULL,
    product_code VARCHAR(32) NOT NULL,
    option_color VARCHAR(50) NOT NULL,
    option_size VARCHAR(50) NOT NULL,
    quantity TINYINT UNSIGNED NOT NULL,
    unit_price INT UNSIGNED NOT NULL,
    line_total INT UNSIGNED NOT NULL,
    status ${STATUSES} NOT NULL,
    status_changed_at DATETIME(3) NOT NULL,
    placed_at DATETIME(3) NOT NULL,
    carrier_id TINYINT UNSIGNED NULL,
    tracking_no VARCHAR(50) NULL,
    cancel_reason_id TINYINT UNSIGNED NULL,
    refund_reason_id TINYINT UNSIGNED NULL,
    refund_detail VARCHAR(500) NULL,
    refund_amount INT UNSIGNED NULL,
    UNIQUE KEY uq_order_items_item_no (item_no),
    KEY ix_order_items_order (order_id, id),
    KEY ix_order_items_seller_placed (seller_id, placed_at, id),
    KEY ix_order_items_seller_status_placed (seller_id, status, placed_at, id),
    KEY ix_order_items_seller_changed (seller_id, status_changed_at, id),
    KEY ix_order_items_seller_status_changed (seller_id, status, status_changed_at, id),
    KEY ix_order_items_placed (placed_at, id),
    KEY ix_order_items_status_placed (status, placed_at, id),
    KEY ix_order_items_changed (status_changed_at, id),
    KEY ix_order_items_status_changed (status, status_changed_at, id),
    KEY ix_order_items_shopper_status (shopper_id, status, placed_at, order_id),
    KEY ix_order_items_product (product_id, id),
    CONSTRAINT fk_order_items_order FOREIGN KEY (order_id) REFERENCES orders (id),
    CONSTRAINT fk_order_items_seller FOREIGN KEY (seller_id) REFERENCES sellers (id),
    CONSTRAINT fk_order_items_product FOREIGN KEY (product_id) REFERENCES products (id),
    CONSTRAINT fk_order_items_carrier FOREIGN KEY (carrier_id) REFERENCES carriers (id),
    CONSTRAINT fk_order_items_cancel_reason FOREIGN KEY (cancel_reason_id) REFERENCES order_cancel_reasons (id),
    CONSTRAINT fk_order_items_refund_reason FOREIGN KEY (refund_reason_id) REFERENCES order_refund_reasons (id)
  ) ${TABLE_OPTIONS}`.execute(db);

  // reason_id names an order_cancel_reasons row on a `cancelled` line and an order_refund_reasons row on a
  // `refund_requested` line; reason_text is the refund detail or a seller's rejectReason.
  await sql`CREATE TABLE order_item_history (
    id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    order_item_id INT UNSIGNED NOT NULL,
    status ${STATUSES} NOT NULL,
    valid_from DATETIME(3) NOT NULL,
    valid_to DATETIME(3) NULL,
    actor_kind ENUM('shopper','seller','admin','system') NOT NULL,
    actor_id INT UNSIGNED NULL,
    reason_id TINYINT UNSIGNED NULL,
    reason_text VARCHAR(500) NULL,
    carrier_id TINYINT UNSIGNED NULL,
    tracking_no VARCHAR(50) NULL,
    KEY ix_order_item_history_item (order_item_id, valid_from, id),
    CONSTRAINT fk_order_item_history_item FOREIGN KEY (order_item_id) REFERENCES order_items (id),
    CONSTRAINT fk_order_item_history_carrier FOREIGN KEY (carrier_id) REFERENCES carriers (id)
  ) ${TABLE_OPTIONS}`.execute(db);

  await sql`CREATE TABLE order_seller_groups (
    order_id INT UNSIGNED NOT NULL,
    seller_id INT UNSIGNED NOT NULL,
    subtotal INT UNSIGNED NOT NULL,
    shipping_fee INT UNSIGNED NOT NULL,
    shipping_refunded TINYINT(1) NOT NULL DEFAULT 0,
    PRIMARY KEY (order_id, seller_id),
    KEY ix_order_seller_groups_seller (seller_id, order_id),
    CONSTRAINT fk_order_seller_groups_order FOREIGN KEY (order_id) REFERENCES orders (id),
    CONSTRAINT fk_order_seller_groups_seller FOREIGN KEY (seller_id) REFERENCES sellers (id)
  ) ${TABLE_OPTIONS}`.execute(db);

  // Keys are compared byte for byte (ascii_bin): `Abc` and `abc` are two keys.
  await sql`CREATE TABLE idempotency_records (
    id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    shopper_id INT UNSIGNED NOT NULL,
    idem_key VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    request_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    response_status SMALLINT UNSIGNED NULL,
    response_body MEDIUMTEXT NULL,
    created_at DATETIME(3) NOT NULL,
    UNIQUE KEY uq_idempotency_records_key (shopper_id, idem_key),
    KEY ix_idempotency_records_created (created_at),
    CONSTRAINT fk_idempotency_records_shopper FOREIGN KEY (shopper_id) REFERENCES shoppers (id)
  ) ${TABLE_OPTIONS}`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'idempotency_records',
    'order_seller_groups',
    'order_item_history',
    'order_items',
    'orders',
    'cart_lines',
    'addresses',
  ]) {
    await sql`DROP TABLE ${sql.table(table)}`.execute(db);
  }
}
