import type { OrderActorKind, OrderItemStatus } from '@brandi/db';

/** What a move needs from the request besides the item. */
export type MoveNeed = 'cancelReason' | 'refundReason' | 'shipment' | 'rejectReason';

export interface OrderItemMove {
  from: OrderItemStatus;
  to: OrderItemStatus;
  by: readonly OrderActorKind[];
  needs: readonly MoveNeed[];
  /** Put the quantity back into managed stock and take it out of the sales counts. */
  returnsUnits: boolean;
}

/**
 * API.md's table of legal moves, as data: the routes, the transition executor, the OpenAPI descriptions and the
 * tests all read it. Anything not listed is ILLEGAL_TRANSITION. A seller may cancel with 상품품절 (reason 3),
 * which a shopper may not (order_cancel_reasons.shopper_allowed).
 */
export const ORDER_ITEM_MOVES: readonly OrderItemMove[] = [
  { from: 'paid', to: 'cancelled', by: ['shopper', 'seller', 'admin'], needs: ['cancelReason'], returnsUnits: true },
  { from: 'preparing', to: 'cancelled', by: ['seller', 'admin'], needs: ['cancelReason'], returnsUnits: true },
  { from: 'paid', to: 'preparing', by: ['seller', 'admin'], needs: [], returnsUnits: false },
  { from: 'preparing', to: 'shipping', by: ['seller', 'admin'], needs: ['shipment'], returnsUnits: false },
  { from: 'shipping', to: 'delivered', by: ['seller', 'admin'], needs: [], returnsUnits: false },
  { from: 'delivered', to: 'confirmed', by: ['shopper', 'system'], needs: [], returnsUnits: false },
  { from: 'delivered', to: 'refund_requested', by: ['shopper'], needs: ['refundReason'], returnsUnits: false },
  { from: 'refund_requested', to: 'refunded', by: ['seller', 'admin'], needs: [], returnsUnits: true },
  { from: 'refund_requested', to: 'delivered', by: ['seller', 'admin'], needs: ['rejectReason'], returnsUnits: false },
];

/** The legal move from `from` to `to` for `actor`, or undefined (ILLEGAL_TRANSITION). */
export function findMove(from: OrderItemStatus, to: OrderItemStatus, actor: OrderActorKind): OrderItemMove | undefined {
  return ORDER_ITEM_MOVES.find((m) => m.from === from && m.to === to && m.by.includes(actor));
}

export function canMove(from: OrderItemStatus, to: OrderItemStatus, actor: OrderActorKind): boolean {
  return findMove(from, to, actor) !== undefined;
}

/** The needs of any move to `to` (for validating a request before looking at items: API.md's 400 cases). */
export function needsOf(to: OrderItemStatus): readonly MoveNeed[] {
  return ORDER_ITEM_MOVES.find((m) => m.to === to)?.needs ?? [];
}

/** What a shopper's order detail offers on an item (`canReview` also needs "not reviewed yet"). */
export function shopperActions(status: OrderItemStatus) {
  return {
    canCancel: canMove(status, 'cancelled', 'shopper'),
    canRequestRefund: canMove(status, 'refund_requested', 'shopper'),
    canConfirm: canMove(status, 'confirmed', 'shopper'),
  };
}
