import { sql, type Database } from '@brandi/db';
import type { Transaction } from 'kysely';

/** A cancellation or refund puts the units back on managed stock (null stock stays unmanaged; a removed option gets nothing). */
export async function putStockBack(trx: Transaction<Database>, optionId: number, quantity: number): Promise<void> {
  await trx
    .updateTable('product_options')
    .set((eb) => ({ stock: eb('stock', '+', quantity) }))
    .where('id', '=', optionId)
    .where('stock', 'is not', null)
    .execute();
}

/**
 * Sales counts count units of items that are not cancelled or refunded: a cancellation or refund takes them
 * out of the product (and its ranking score) and the seller, in the order checkout updates them.
 */
export async function takeBackSales(trx: Transaction<Database>, productId: number, sellerId: number, quantity: number): Promise<void> {
  await trx
    .updateTable('products')
    .set({
      sales_count: sql`GREATEST(sales_count - ${quantity}, 0)`,
      // Assignments run left to right (MySQL and MariaDB alike): sales_count here is already the new count.
      ranking_score: sql`LOG10(sales_count + 1) + UNIX_TIMESTAMP(created_at) / 45000`,
    })
    .where('id', '=', productId)
    .execute();
  await trx
    .updateTable('sellers')
    .set({ sales_count: sql`GREATEST(sales_count - ${quantity}, 0)` })
    .where('id', '=', sellerId)
    .execute();
}

/**
 * Once every item of the seller's group is cancelled or refunded, its shipping fee is refunded (once).
 * The caller holds the group row's lock, so the siblings read here (locking reads: the latest committed
 * state, by primary key only) cannot be mid-move.
 */
export async function refundShippingWhenSettled(trx: Transaction<Database>, orderId: number, sellerId: number): Promise<number> {
  const group = await trx
    .selectFrom('order_seller_groups')
    .select(['shipping_fee', 'shipping_refunded'])
    .where('order_id', '=', orderId)
    .where('seller_id', '=', sellerId)
    .forUpdate()
    .executeTakeFirst();
  if (!group || group.shipping_refunded) return 0;
  const siblings = await trx
    .selectFrom('order_items')
    .select('id')
    .where('order_id', '=', orderId)
    .where('seller_id', '=', sellerId)
    .execute();
  const statuses = await trx
    .selectFrom('order_items')
    .select('status')
    .where(
      'id',
      'in',
      siblings.map((s) => s.id),
    )
    .forUpdate()
    .execute();
  if (statuses.some((s) => s.status !== 'cancelled' && s.status !== 'refunded')) return 0;
  await trx
    .updateTable('order_seller_groups')
    .set({ shipping_refunded: true })
    .where('order_id', '=', orderId)
    .where('seller_id', '=', sellerId)
    .execute();
  return group.shipping_fee;
}
