import type { Database, OrderItemStatus } from '@brandi/db';
import { IllegalTransitionError, NotFoundError } from '@brandi/errors';
import { transitionItem, type MoveReferences } from '@brandi/orders';
import type { Transaction } from 'kysely';
import type { Actor } from '../../types.js';

// The desk's moves through @brandi/orders' transitionItem (API.md's move table, row lock, history, stock and
// sales counts), plus the one desk-only write: correcting a shipping item's tracking.

export interface DeskMove {
  /** One of the statuses a seller or admin moves items to (the request schema lists them from the move table). */
  to: OrderItemStatus;
  carrierId?: number;
  trackingNo?: string;
  reasonId?: number;
  rejectReason?: string;
}

type Trx = Transaction<Database>;

/**
 * Moves one item as `actor` inside `trx`; a seller's foreign item is NOT_FOUND, like an unknown id. Answers the
 * new status and the item's product (whose page shows the stock a cancellation or refund gives back).
 */
export async function moveItem(
  trx: Trx,
  actor: Actor,
  itemId: number,
  move: DeskMove,
  now: Date,
  references?: MoveReferences,
): Promise<{ status: OrderItemStatus; productId: number }> {
  const { to, ...fields } = move;
  const result = await transitionItem(trx, {
    itemId,
    to,
    ...fields,
    actor: { kind: actor.role, id: actor.id },
    now,
    owner: actor.role === 'admin' ? undefined : { sellerId: actor.id },
    references,
  });
  return { status: result.to, productId: result.productId };
}

/** delivered → confirmed by the system. */
export async function confirmBySystem(trx: Trx, itemId: number, now: Date): Promise<void> {
  await transitionItem(trx, { itemId, to: 'confirmed', actor: { kind: 'system', id: null }, now });
}

/**
 * shipping → shipping with another carrier or tracking number (a typo fixed): the open line closes and a new
 * `shipping` line records the correction, so the history shows who changed what and when.
 */
export async function correctShipping(trx: Trx, actor: Actor, itemId: number, fix: { carrierId: number; trackingNo: string }, now: Date) {
  let query = trx.selectFrom('order_items').select(['id', 'status', 'carrier_id', 'tracking_no']).where('id', '=', itemId).forUpdate();
  if (actor.role !== 'admin') query = query.where('seller_id', '=', actor.id);
  const item = await query.executeTakeFirst();
  if (!item) throw new NotFoundError('Order item');
  if (item.status !== 'shipping')
    throw new IllegalTransitionError(`Only a shipping item's tracking can be corrected (this one is ${item.status})`);
  const carrierName = async (id: number | null) =>
    id === null ? '-' : ((await trx.selectFrom('carriers').select('name').where('id', '=', id).executeTakeFirst())?.name ?? '-');
  const [before, after] = [await carrierName(item.carrier_id), await carrierName(fix.carrierId)];
  const open = await trx
    .selectFrom('order_item_history')
    .select(['id', 'valid_from'])
    .where('order_item_id', '=', itemId)
    .where('valid_to', 'is', null)
    .executeTakeFirst();
  // Never dated before the line it closes (another process's clock may run ahead of this one).
  const at = open && open.valid_from > now ? open.valid_from : now;
  if (open) await trx.updateTable('order_item_history').set({ valid_to: at }).where('id', '=', open.id).execute();
  await trx
    .insertInto('order_item_history')
    .values({
      order_item_id: itemId,
      status: 'shipping',
      valid_from: at,
      valid_to: null,
      actor_kind: actor.role,
      actor_id: actor.id,
      reason_id: null,
      reason_text: `송장 수정: ${before} ${item.tracking_no ?? '-'} → ${after} ${fix.trackingNo}`,
      carrier_id: fix.carrierId,
      tracking_no: fix.trackingNo,
    })
    .execute();
  await trx.updateTable('order_items').set({ carrier_id: fix.carrierId, tracking_no: fix.trackingNo }).where('id', '=', itemId).execute();
}
