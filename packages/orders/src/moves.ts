import type { OrderActorKind, OrderItemStatus } from '@brandi/db';

/** What a move needs besides its target (checked against the reference tables by transitionItem). */
export type MoveNeed = 'cancel_reason' | 'refund_reason' | 'shipment' | 'reject_reason' | null;

export interface OrderMove {
  from: OrderItemStatus;
  to: OrderItemStatus;
  by: readonly OrderActorKind[];
  needs: MoveNeed;
}

/**
 * API.md's table of legal item moves, the one place it is written: the executor, the routes' `can*` flags, the
 * OpenAPI descriptions and the tests read it. Anything not here is ILLEGAL_TRANSITION. A shopper's cancel
 * reason must be one a shopper may give (상품품절 is the seller's).
 */
export const ORDER_MOVES: readonly OrderMove[] = [
  { from: 'paid', to: 'cancelled', by: ['shopper', 'seller', 'admin'], needs: 'cancel_reason' },
  { from: 'preparing', to: 'cancelled', by: ['seller', 'admin'], needs: 'cancel_reason' },
  { from: 'paid', to: 'preparing', by: ['seller', 'admin'], needs: null },
  { from: 'preparing', to: 'shipping', by: ['seller', 'admin'], needs: 'shipment' },
  { from: 'shipping', to: 'delivered', by: ['seller', 'admin'], needs: null },
  { from: 'delivered', to: 'confirmed', by: ['shopper', 'system'], needs: null },
  { from: 'delivered', to: 'refund_requested', by: ['shopper'], needs: 'refund_reason' },
  { from: 'refund_requested', to: 'refunded', by: ['seller', 'admin'], needs: null },
  { from: 'refund_requested', to: 'delivered', by: ['seller', 'admin'], needs: 'reject_reason' },
];

export function findMove(from: OrderItemStatus, to: OrderItemStatus): OrderMove | undefined {
  return ORDER_MOVES.find((m) => m.from === from && m.to === to);
}

/** Whether `actor` may move an item from `from` to `to` (ignoring what the move needs). */
export function canMove(from: OrderItemStatus, to: OrderItemStatus, actor: OrderActorKind): boolean {
  return findMove(from, to)?.by.includes(actor) ?? false;
}
