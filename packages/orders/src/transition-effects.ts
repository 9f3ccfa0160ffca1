import type { Database } from '@brandi/db';
import type { Transaction } from 'kysely';

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
