import { IllegalTransitionError, NotFoundError, ValidationError } from '@brandi/errors';
import { sql, type Database, type OrderItemStatus } from '@brandi/db';
import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../../types.js';

// PROVISIONAL: the desk's moves until @brandi/orders' transitionItem lands; the desk calls only these two
// functions, so swapping the executor changes this file alone.

export type DeskTarget = 'preparing' | 'shipping' | 'delivered' | 'cancelled' | 'refunded';

export interface DeskMove {
  to: DeskTarget;
  carrierId?: number;
  trackingNo?: string;
  reasonId?: number;
  rejectReason?: string;
}

const DESK_MOVES: Record<DeskTarget, OrderItemStatus[]> = {
  preparing: ['paid'],
  shipping: ['preparing'],
  delivered: ['shipping', 'refund_requested'],
  cancelled: ['paid', 'preparing'],
  refunded: ['refund_requested'],
};

type Trx = Transaction<Database> | Kysely<Database>;

async function lockItem(trx: Trx, id: number) {
  return trx
    .selectFrom('order_items')
    .select(['id', 'seller_id', 'order_id', 'product_id', 'option_id', 'quantity', 'line_total', 'status'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

async function writeLine(
  trx: Trx,
  itemId: number,
  status: OrderItemStatus,
  now: Date,
  line: {
    actorKind: 'seller' | 'admin' | 'system';
    actorId: number | null;
    reasonId?: number;
    reasonText?: string;
    carrierId?: number;
    trackingNo?: string;
  },
) {
  await trx
    .updateTable('order_item_history')
    .set({ valid_to: now })
    .where('order_item_id', '=', itemId)
    .where('valid_to', 'is', null)
    .execute();
  await trx
    .insertInto('order_item_history')
    .values({
      order_item_id: itemId,
      status,
      valid_from: now,
      valid_to: null,
      actor_kind: line.actorKind,
      actor_id: line.actorId,
      reason_id: line.reasonId ?? null,
      reason_text: line.reasonText ?? null,
      carrier_id: line.carrierId ?? null,
      tracking_no: line.trackingNo ?? null,
    })
    .execute();
}

/** Moves one item as `actor` (row-locked inside `trx`); throws NotFound / IllegalTransition / Validation. */
export async function moveItem(trx: Trx, actor: Actor, itemId: number, move: DeskMove, now: Date): Promise<OrderItemStatus> {
  const item = await lockItem(trx, itemId);
  if (!item || (actor.role !== 'admin' && item.seller_id !== actor.id)) throw new NotFoundError('Order item');
  if (!DESK_MOVES[move.to].includes(item.status)) throw new IllegalTransitionError(`A ${item.status} item cannot become ${move.to}`);
  const rejecting = move.to === 'delivered' && item.status === 'refund_requested';
  if (rejecting && !move.rejectReason) throw new ValidationError([{ field: 'rejectReason', message: 'is required to reject a refund' }]);
  const update: Record<string, unknown> = { status: move.to, status_changed_at: now };
  if (move.to === 'shipping') Object.assign(update, { carrier_id: move.carrierId, tracking_no: move.trackingNo });
  if (move.to === 'cancelled') update.cancel_reason_id = move.reasonId;
  if (move.to === 'refunded') update.refund_amount = item.line_total;
  await trx.updateTable('order_items').set(update).where('id', '=', itemId).execute();
  if (move.to === 'cancelled' || move.to === 'refunded') {
    await sql`UPDATE product_options SET stock = stock + ${item.quantity} WHERE id = ${item.option_id} AND stock IS NOT NULL`.execute(trx);
    await sql`UPDATE products SET sales_count = GREATEST(sales_count - ${item.quantity}, 0) WHERE id = ${item.product_id}`.execute(trx);
    await sql`UPDATE sellers SET sales_count = GREATEST(sales_count - ${item.quantity}, 0) WHERE id = ${item.seller_id}`.execute(trx);
  }
  await writeLine(trx, itemId, move.to, now, {
    actorKind: actor.role,
    actorId: actor.id,
    reasonId: move.to === 'cancelled' ? move.reasonId : undefined,
    reasonText: rejecting ? move.rejectReason : undefined,
    carrierId: move.to === 'shipping' ? move.carrierId : undefined,
    trackingNo: move.to === 'shipping' ? move.trackingNo : undefined,
  });
  return move.to;
}

/** delivered → confirmed by the system; false when the item is no longer delivered. */
export async function confirmBySystem(trx: Trx, itemId: number, now: Date): Promise<boolean> {
  const item = await lockItem(trx, itemId);
  if (item?.status !== 'delivered') return false;
  await trx.updateTable('order_items').set({ status: 'confirmed', status_changed_at: now }).where('id', '=', itemId).execute();
  await writeLine(trx, itemId, 'confirmed', now, { actorKind: 'system', actorId: null });
  return true;
}

/**
 * shipping → shipping with another carrier or tracking number (a typo fixed): the open line closes and a new
 * `shipping` line records the correction, so the history shows who changed what and when.
 */
export async function correctShipping(trx: Trx, actor: Actor, itemId: number, fix: { carrierId: number; trackingNo: string }, now: Date) {
  const item = await lockItem(trx, itemId);
  if (!item || (actor.role !== 'admin' && item.seller_id !== actor.id)) throw new NotFoundError('Order item');
  if (item.status !== 'shipping')
    throw new IllegalTransitionError(`Only a shipping item's tracking can be corrected (this one is ${item.status})`);
  const before = await trx
    .selectFrom('order_items as i')
    .leftJoin('carriers as c', 'c.id', 'i.carrier_id')
    .select(['c.name', 'i.tracking_no'])
    .where('i.id', '=', itemId)
    .executeTakeFirstOrThrow();
  const carrier = await trx.selectFrom('carriers').select('name').where('id', '=', fix.carrierId).executeTakeFirstOrThrow();
  await trx.updateTable('order_items').set({ carrier_id: fix.carrierId, tracking_no: fix.trackingNo }).where('id', '=', itemId).execute();
  await writeLine(trx, itemId, 'shipping', now, {
    actorKind: actor.role,
    actorId: actor.id,
    reasonText: `송장 수정: ${before.name ?? '-'} ${before.tracking_no ?? '-'} → ${carrier.name} ${fix.trackingNo}`,
    carrierId: fix.carrierId,
    trackingNo: fix.trackingNo,
  });
}
