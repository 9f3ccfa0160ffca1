import { sql, type Kysely } from 'kysely';

// The order desk's "contains" searches on the product name and the orderer's name without reading every item
// of the scope (a seller's given-name search read ~27k items: 0.6 s; the admin's 1.2 s at 1M items).
// order_item_name_tokens holds, per order item, field (its product name or its order's orderer name) and
// distinct token of that name (the runs between spaces, split as product_name_tokens splits product names),
// the columns the desk filters and orders by and the name itself. A word without whitespace occurs in a name
// only inside one of its tokens, so a word's items are the postings of the tokens containing it (the vocabulary
// is the table's own distinct (field, token), read by a loose index scan: no shared row for writers to lock):
// per token a range of (field, token, placed_at, item) for the admin, of (field, token, status, placed_at,
// item) with a status, of (field, token, seller, placed_at, item) for a seller; a page is read in order and a total counted, index only. A phrase (words with spaces) is
// tested on the posting's copy of the name. The desk's former path (distinct names containing the word, then
// items by name) is retired with its two indexes.
// Triggers on order_items (insert, update, delete) and orders (orderer renamed) keep it in step inside every
// writing transaction and honour @skip_order_item_name_index (the bulk loader writes the postings per batch;
// rebuildOrderItemNameIndex repairs). The backfill assumes no writer runs during the migration.

const TOKEN = 'VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin';
const FIELD = `ENUM('product','orderer')`;
const STATUS = `ENUM('paid','preparing','shipping','delivered','confirmed','cancelled','refund_requested','refunded')`;
const TRIGGERS = ['orders_names_update', 'order_items_names_delete', 'order_items_names_update', 'order_items_names_insert'];

export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(`CREATE TABLE order_item_name_tokens (
    field ${FIELD} NOT NULL,
    token ${TOKEN} NOT NULL,
    placed_at DATETIME(3) NOT NULL,
    order_item_id INT UNSIGNED NOT NULL,
    seller_id INT UNSIGNED NOT NULL,
    status ${STATUS} NOT NULL,
    status_changed_at DATETIME(3) NOT NULL,
    name VARCHAR(100) NOT NULL,
    PRIMARY KEY (field, token, placed_at, order_item_id),
    KEY ix_order_item_name_tokens_status (field, token, status, placed_at, order_item_id),
    KEY ix_order_item_name_tokens_seller (field, token, seller_id, placed_at, order_item_id, status, status_changed_at),
    KEY ix_order_item_name_tokens_item (order_item_id)
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`)
    .execute(db);

  // Adds the postings of one name: for one item (p_item_id, with its columns) or, p_item_id NULL, for every
  // item of order p_order_id (an orderer renamed).
  await sql
    .raw(`CREATE PROCEDURE index_order_item_name(IN p_field VARCHAR(10), IN p_name ${TOKEN}, IN p_item_id INT UNSIGNED,
    IN p_order_id INT UNSIGNED, IN p_placed_at DATETIME(3), IN p_seller_id INT UNSIGNED, IN p_status VARCHAR(20),
    IN p_changed_at DATETIME(3))
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
        IF p_item_id IS NULL THEN
          INSERT IGNORE INTO order_item_name_tokens (field, token, placed_at, order_item_id, seller_id, status, status_changed_at, name)
          SELECT p_field, v_token, i.placed_at, i.id, i.seller_id, i.status, i.status_changed_at, p_name FROM order_items i WHERE i.order_id = p_order_id;
        ELSE
          INSERT IGNORE INTO order_item_name_tokens (field, token, placed_at, order_item_id, seller_id, status, status_changed_at, name)
          VALUES (p_field, v_token, p_placed_at, p_item_id, p_seller_id, p_status, p_changed_at, p_name);
        END IF;
      END IF;
    END WHILE;
  END`)
    .execute(db);

  const ITEM = (row: string) => `${row}.id, ${row}.order_id, ${row}.placed_at, ${row}.seller_id, ${row}.status, ${row}.status_changed_at`;
  const indexItem = (row: string) => `
      CALL index_order_item_name('product', ${row}.product_name, ${ITEM(row)});
      SELECT orderer_name INTO v_orderer FROM orders WHERE id = ${row}.order_id;
      CALL index_order_item_name('orderer', v_orderer, ${ITEM(row)});`;

  await sql
    .raw(`CREATE TRIGGER order_items_names_insert AFTER INSERT ON order_items FOR EACH ROW
  BEGIN
    DECLARE v_orderer ${TOKEN};
    IF @skip_order_item_name_index IS NULL THEN ${indexItem('NEW')}
    END IF;
  END`)
    .execute(db);

  await sql
    .raw(`CREATE TRIGGER order_items_names_update AFTER UPDATE ON order_items FOR EACH ROW
  BEGIN
    DECLARE v_orderer ${TOKEN};
    IF @skip_order_item_name_index IS NULL THEN
      IF NOT (OLD.product_name COLLATE utf8mb4_bin <=> NEW.product_name COLLATE utf8mb4_bin) OR OLD.order_id <> NEW.order_id OR OLD.id <> NEW.id THEN
        DELETE FROM order_item_name_tokens WHERE order_item_id = OLD.id; ${indexItem('NEW')}
      ELSEIF NOT (OLD.placed_at <=> NEW.placed_at AND OLD.seller_id <=> NEW.seller_id AND OLD.status <=> NEW.status
        AND OLD.status_changed_at <=> NEW.status_changed_at) THEN
        UPDATE order_item_name_tokens SET placed_at = NEW.placed_at, seller_id = NEW.seller_id, status = NEW.status,
          status_changed_at = NEW.status_changed_at WHERE order_item_id = NEW.id;
      END IF;
    END IF;
  END`)
    .execute(db);

  await sql
    .raw(`CREATE TRIGGER order_items_names_delete AFTER DELETE ON order_items FOR EACH ROW
  BEGIN
    IF @skip_order_item_name_index IS NULL THEN
      DELETE FROM order_item_name_tokens WHERE order_item_id = OLD.id;
    END IF;
  END`)
    .execute(db);

  await sql
    .raw(`CREATE TRIGGER orders_names_update AFTER UPDATE ON orders FOR EACH ROW
  BEGIN
    IF @skip_order_item_name_index IS NULL AND NOT (OLD.orderer_name COLLATE utf8mb4_bin <=> NEW.orderer_name COLLATE utf8mb4_bin) THEN
      DELETE t FROM order_item_name_tokens t INNER JOIN order_items i ON i.id = t.order_item_id
        WHERE i.order_id = NEW.id AND t.field = 'orderer';
      CALL index_order_item_name('orderer', NEW.orderer_name, NULL, NEW.id, NULL, NULL, NULL, NULL);
    END IF;
  END`)
    .execute(db);

  await backfill(db);
  await sql`ALTER TABLE order_items DROP KEY ix_order_items_seller_product_name, DROP KEY ix_order_items_product_name`.execute(db);
}

/** Every item's tokens of both names, one statement per field (100 characters have at most 101 space-separated runs). */
async function backfill(db: Kysely<any>): Promise<void> {
  const split = (table: string, name: string) => `WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 101)
    SELECT x.id, x.${name} AS name,
      CAST(SUBSTRING_INDEX(SUBSTRING_INDEX(x.${name}, ' ', n.i), ' ', -1) AS CHAR(100) CHARACTER SET utf8mb4) COLLATE utf8mb4_bin AS token
    FROM ${table} x INNER JOIN n ON n.i <= 1 + CHAR_LENGTH(x.${name}) - CHAR_LENGTH(REPLACE(x.${name}, ' ', ''))`;
  const insert = (field: string, table: string, name: string, join: string) =>
    sql
      .raw(`INSERT IGNORE INTO order_item_name_tokens (field, token, placed_at, order_item_id, seller_id, status, status_changed_at, name)
      SELECT '${field}', t.token, i.placed_at, i.id, i.seller_id, i.status, i.status_changed_at, t.name
      FROM (${split(table, name)}) t INNER JOIN order_items i ON ${join} WHERE CHAR_LENGTH(t.token) > 0`)
      .execute(db);
  await insert('product', 'order_items', 'product_name', 'i.id = t.id');
  await insert('orderer', 'orders', 'orderer_name', 'i.order_id = t.id');
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE order_items
    ADD KEY ix_order_items_product_name (product_name, placed_at, id),
    ADD KEY ix_order_items_seller_product_name (seller_id, product_name, placed_at, id)`.execute(db);
  for (const trigger of TRIGGERS) await sql.raw(`DROP TRIGGER IF EXISTS ${trigger}`).execute(db);
  await sql`DROP PROCEDURE IF EXISTS index_order_item_name`.execute(db);
  await sql`DROP TABLE order_item_name_tokens`.execute(db);
}
