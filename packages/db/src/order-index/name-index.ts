import { sql, type Kysely } from 'kysely';
import { nameTokenRows, productNameTokens } from '../product-index/name-index.js';
import type { Database, OrderItemStatus, OrderNameField } from '../schema/index.js';

// order_item_name_tokens (migration 20261203000100): a posting per order item, name field (the product name as
// ordered, the order's orderer name) and distinct token of that name, split as product names are split
// (productNameTokens, nameTokenRows), with the columns the order desk filters and orders by and the name.
// Its triggers honour @skip_order_item_name_index.

/** An order item as its postings hold it, with both names. */
export interface NamedOrderItem {
  id: number;
  product_name: string;
  orderer_name: string;
  placed_at: Date;
  seller_id: number;
  status: OrderItemStatus;
  status_changed_at: Date;
}

/** The rows order_item_name_tokens holds for an item: one per field and distinct token, as the triggers write them. */
export function orderItemNamePostings(item: NamedOrderItem) {
  const { id, placed_at, seller_id, status, status_changed_at } = item;
  const fields: [OrderNameField, string][] = [
    ['product', item.product_name],
    ['orderer', item.orderer_name],
  ];
  return fields.flatMap(([field, name]) =>
    productNameTokens(name).map((token) => ({ field, token, placed_at, order_item_id: id, seller_id, status, status_changed_at, name })),
  );
}

/** Adds the postings of items written with @skip_order_item_name_index set (the bulk loader, which has the names in hand). */
export async function indexOrderItemNames(db: Kysely<Database>, items: NamedOrderItem[]): Promise<void> {
  const rows = items.flatMap(orderItemNamePostings);
  // Chunked: eight placeholders a row, and a statement holds at most 65,535.
  for (let i = 0; i < rows.length; i += 5_000)
    await db
      .insertInto('order_item_name_tokens')
      .ignore()
      .values(rows.slice(i, i + 5_000))
      .execute();
}

/**
 * Recomputes order_item_name_tokens from the items and their orders (an operator's repair after writes that
 * skipped the triggers): the names split in SQL (nameTokenRows), one statement per field, in one transaction.
 */
export async function rebuildOrderItemNameIndex(db: Kysely<Database>): Promise<void> {
  const columns = sql`(field, token, placed_at, order_item_id, seller_id, status, status_changed_at, name)`;
  const item = sql`i.placed_at, i.id, i.seller_id, i.status, i.status_changed_at, t.name`;
  await db.transaction().execute(async (trx) => {
    await sql`DELETE FROM order_item_name_tokens`.execute(trx);
    await sql`INSERT IGNORE INTO order_item_name_tokens ${columns} SELECT 'product', t.token, ${item}
      FROM ${nameTokenRows('order_items', 'product_name')} INNER JOIN order_items i ON i.id = t.id`.execute(trx);
    await sql`INSERT IGNORE INTO order_item_name_tokens ${columns} SELECT 'orderer', t.token, ${item}
      FROM ${nameTokenRows('orders', 'orderer_name')} INNER JOIN order_items i ON i.order_id = t.id`.execute(trx);
  });
}
