import type { Database, OrderItemStatus } from '@brandi/db';
import type { Transaction } from 'kysely';
import { isShippingRefundDue } from './pricing.js';

export interface SellerGroupState {
  orderId: number;
  sellerId: number;
  shippingFee: number;
  shippingRefunded: boolean;
  /** Every item of the seller in the order, by id, as last committed (locked). */
  statuses: Map<number, OrderItemStatus>;
}

/**
 * Locks the seller group's items (primary-key locking reads: the latest committed state, no gap locks) while
 * the caller holds the group row's lock. Taken before the moving item's own update, whose trigger locks the
 * per-seller counters: a sibling's move (item, then counters) could otherwise wait on us while we wait on it.
 */
export async function lockSellerGroup(trx: Transaction<Database>, orderId: number, sellerId: number): Promise<SellerGroupState> {
  const group = await trx
    .selectFrom('order_seller_groups')
    .select(['shipping_fee', 'shipping_refunded'])
    .where('order_id', '=', orderId)
    .where('seller_id', '=', sellerId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  // Membership never changes after checkout: a plain read finds the ids to lock.
  const ids = await trx.selectFrom('order_items').select('id').where('order_id', '=', orderId).where('seller_id', '=', sellerId).execute();
  const rows = await trx
    .selectFrom('order_items')
    .select(['id', 'status'])
    .where(
      'id',
      'in',
      ids.map((r) => r.id),
    )
    .orderBy('id')
    .forUpdate()
    .execute();
  return {
    orderId,
    sellerId,
    shippingFee: group.shipping_fee,
    shippingRefunded: Boolean(group.shipping_refunded),
    statuses: new Map(rows.map((r) => [r.id, r.status])),
  };
}

/** Once every item of the group is cancelled or refunded (this move included), its shipping fee is refunded, once. */
export async function refundShippingWhenSettled(
  trx: Transaction<Database>,
  group: SellerGroupState,
  moved: { itemId: number; to: OrderItemStatus },
): Promise<number> {
  if (group.shippingRefunded) return 0;
  const statuses = [...group.statuses].map(([id, status]) => (id === moved.itemId ? moved.to : status));
  if (!isShippingRefundDue(statuses)) return 0;
  await trx
    .updateTable('order_seller_groups')
    .set({ shipping_refunded: true })
    .where('order_id', '=', group.orderId)
    .where('seller_id', '=', group.sellerId)
    .execute();
  return group.shippingFee;
}
