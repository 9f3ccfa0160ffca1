import { type Database, type NewOrderItem, type Order, sql } from '@brandi/db';
import { orderNoFor } from '@brandi/orders';
import type { RawBuilder, Transaction } from 'kysely';
import type { ShippingAddress } from '../cart/line-facts.repository.js';
import type { StoredResponse } from './idempotency.js';
import type { PlaceOrderBody } from './schemas.js';

// The rows checkout writes, each in one statement (see checkout.ts for their order).

type Trx = Transaction<Database>;

/**
 * Inserts the order with the address copied in. Its orderNo (the day + the id, known once inserted) is written
 * by finishOrder together with the idempotency record: one statement instead of an UPDATE of its own.
 */
export async function insertOrder(
  trx: Trx,
  shopperId: number,
  body: PlaceOrderBody,
  address: ShippingAddress,
  totals: { itemsTotal: number; shippingTotal: number; total: number },
  now: Date,
): Promise<Order> {
  const values = {
    order_no: null,
    shopper_id: shopperId,
    orderer_name: body.orderer.name,
    orderer_phone: body.orderer.phone,
    orderer_phone_digits: body.orderer.phone.replaceAll('-', ''),
    orderer_email: body.orderer.email,
    recipient: address.recipient,
    recipient_phone: address.phone,
    zip_code: address.zip_code,
    address1: address.address1,
    address2: address.address2,
    shipping_memo: body.shippingMemo ?? null,
    items_total: totals.itemsTotal,
    shipping_total: totals.shippingTotal,
    total: totals.total,
    placed_at: now,
  };
  const result = await trx.insertInto('orders').values(values).executeTakeFirstOrThrow();
  const id = Number(result.insertId);
  return { ...values, id, order_no: orderNoFor(now, id) };
}

/**
 * Inserts the items (one statement) and their first history rows (`paid`, by the shopper), and answers the
 * items' ids in the order given. A multi-row insert takes consecutive ids from the first one (InnoDB does for an
 * insert of a known row count), so the history rows select the items by those ids, primary-key lookups of rows
 * this transaction holds (a range or a scan by order would share-lock the next row, a concurrent checkout's,
 * while holding the history table's auto-increment lock: a deadlock). When the ids do not hold them all
 * (another auto-increment step, a concurrent bulk insert), the rest are written and the ids read.
 */
export async function insertItems(trx: Trx, items: readonly NewOrderItem[], shopperId: number, now: Date): Promise<number[]> {
  const orderId = items[0].order_id;
  const first = Number((await trx.insertInto('order_items').values(items).executeTakeFirstOrThrow()).insertId);
  const ids = items.map((_, n) => first + n);
  const history = (source: RawBuilder<unknown>) =>
    sql`INSERT INTO order_item_history (order_item_id, status, valid_from, actor_kind, actor_id)
      SELECT id, 'paid', ${now}, 'shopper', ${shopperId} FROM ${source} AND order_id = ${orderId}`.execute(trx);
  const written = Number((await history(sql`order_items FORCE INDEX (PRIMARY) WHERE id IN (${sql.join(ids)})`)).numAffectedRows ?? 0);
  if (written === items.length) return ids;
  await history(sql`order_items WHERE id NOT IN (${sql.join(ids)})`);
  const rows = await trx.selectFrom('order_items').select(['id', 'item_no']).where('order_id', '=', orderId).execute();
  const idOf = new Map(rows.map((r) => [r.item_no, r.id]));
  return items.map((i) => idOf.get(i.item_no)!);
}

/** Writes the orderNo and the answer into the idempotency record: two rows of this transaction, one statement. */
export async function finishOrder(trx: Trx, order: Order, recordId: number, response: StoredResponse): Promise<void> {
  await sql`UPDATE orders o, idempotency_records r
    SET o.order_no = ${order.order_no}, r.response_status = ${response.status}, r.response_body = ${JSON.stringify(response.body)}
    WHERE o.id = ${order.id} AND r.id = ${recordId}`.execute(trx);
}
