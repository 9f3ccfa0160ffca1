import type { OrderActorKind, OrderItemStatus, Database } from '@brandi/db';
import { IllegalTransitionError, NotFoundError } from '@brandi/errors';
import type { Transaction } from 'kysely';
import { findMove } from './moves.js';
import { refundAmountOf } from './pricing.js';
import { UNSOLD_STATUSES } from './status.js';
import { moveSalesCounts, putBackStock } from './stock.js';
import { checkMoveNeeds, type MoveInput, type MoveReferences } from './transition-needs.js';
import { lockSellerGroup, refundShippingWhenSettled } from './transition-effects.js';

export interface TransitionActor {
  kind: OrderActorKind;
  /** The shopper's or seller's id; null for the system. */
  id: number | null;
}

export interface TransitionItemInput extends MoveInput {
  itemId: number;
  to: OrderItemStatus;
  actor: TransitionActor;
  /** The moment of the move (the service clock); history is never dated before the line it closes. */
  now: Date;
  /** Whose item it must be: another shopper's or seller's item is NOT_FOUND, exactly like an unknown id. */
  owner?: { shopperId: number } | { sellerId: number };
  /** Reference rows already read for this batch of moves (createMoveReferences); each move still checks them. */
  references?: MoveReferences;
}

export interface TransitionResult {
  itemId: number;
  orderId: number;
  productId: number;
  from: OrderItemStatus;
  to: OrderItemStatus;
  /** The item's line total when the move gave money back (cancelled, refunded), else null. */
  refundAmount: number | null;
  /** The seller's shipping fee refunded by this move (0 when none). */
  shippingRefunded: number;
  at: Date;
}

/**
 * Moves one order item to `to` inside the caller's transaction, or throws and changes nothing:
 * NOT_FOUND (unknown, or not `owner`'s), ILLEGAL_TRANSITION (API.md's table: from × to × who), VALIDATION (a
 * reason, carrier or text the move needs). A move that gives money back (cancelled, refunded) locks its seller
 * group of the order, the item, then the group's other items, so two such moves of one group run one after the
 * other and the last sees every sibling settled (and refunds the shipping fee once); it puts managed stock
 * back and takes the units out of the sales counts. Every move writes the line history and the item;
 * order_item_counts follows by trigger. Lock order: group → item → siblings → option → product → seller →
 * counters, the shared rows in checkout's order. Callers must not lock the item beforehand (use `owner`).
 */
export async function transitionItem(trx: Transaction<Database>, input: TransitionItemInput): Promise<TransitionResult> {
  const gives = UNSOLD_STATUSES.has(input.to);
  if (gives) {
    // Immutable columns: a plain read is enough to find the group to lock before the item.
    const place = await trx.selectFrom('order_items').select(['order_id', 'seller_id']).where('id', '=', input.itemId).executeTakeFirst();
    if (!place) throw new NotFoundError('Order item');
    await lockGroupRow(trx, place.order_id, place.seller_id);
  }
  const item = await trx.selectFrom('order_items').selectAll().where('id', '=', input.itemId).forUpdate().executeTakeFirst();
  if (!item || !ownedBy(item, input.owner)) throw new NotFoundError('Order item');

  const move = findMove(item.status, input.to, input.actor.kind);
  if (!move) {
    throw new IllegalTransitionError(`An item that is ${item.status} cannot become ${input.to} by a ${input.actor.kind}`);
  }
  const fields = await checkMoveNeeds(trx, move.needs, input.actor.kind, input, input.references);
  // Shared rows after the item's own, in checkout's order: stock, sales (products, sellers), then the counters
  // (by trigger, on the item's update below).
  const group = gives ? await lockSellerGroup(trx, item.order_id, item.seller_id) : undefined;
  if (gives) {
    await putBackStock(trx, item.option_id, item.quantity);
    await moveSalesCounts(trx, [{ productId: item.product_id, sellerId: item.seller_id, units: -item.quantity }]);
  }

  const open = await trx
    .selectFrom('order_item_history')
    .select(['id', 'valid_from'])
    .where('order_item_id', '=', item.id)
    .where('valid_to', 'is', null)
    .orderBy('valid_from', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  // Line history never goes backwards, even when this clock lags the one that wrote the open line.
  const at = open && open.valid_from > input.now ? open.valid_from : input.now;
  // By primary key: the item's row lock already serialises its moves, and a range lock here would take gaps.
  if (open) await trx.updateTable('order_item_history').set({ valid_to: at }).where('id', '=', open.id).execute();
  await trx
    .insertInto('order_item_history')
    .values({
      order_item_id: item.id,
      status: input.to,
      valid_from: at,
      valid_to: null,
      actor_kind: input.actor.kind,
      actor_id: input.actor.kind === 'system' ? null : input.actor.id,
      reason_id: fields.reasonId,
      reason_text: fields.reasonText,
      carrier_id: fields.carrierId,
      tracking_no: fields.trackingNo,
    })
    .execute();

  const refundAmount = gives ? refundAmountOf(item) : null;
  await trx
    .updateTable('order_items')
    .set({ status: input.to, status_changed_at: at, ...fields.itemColumns, ...(gives ? { refund_amount: refundAmount } : {}) })
    .where('id', '=', item.id)
    .execute();

  const shippingRefunded = group ? await refundShippingWhenSettled(trx, group, { itemId: item.id, to: input.to }) : 0;
  return {
    itemId: item.id,
    orderId: item.order_id,
    productId: item.product_id,
    from: item.status,
    to: input.to,
    refundAmount,
    shippingRefunded,
    at,
  };
}

/** The group row's lock: moves that give money back in one seller group run one after another. */
async function lockGroupRow(trx: Transaction<Database>, orderId: number, sellerId: number): Promise<void> {
  await trx
    .selectFrom('order_seller_groups')
    .select('order_id')
    .where('order_id', '=', orderId)
    .where('seller_id', '=', sellerId)
    .forUpdate()
    .execute();
}

function ownedBy(item: { shopper_id: number; seller_id: number }, owner: TransitionItemInput['owner']): boolean {
  if (owner === undefined) return true;
  return 'shopperId' in owner ? item.shopper_id === owner.shopperId : item.seller_id === owner.sellerId;
}
