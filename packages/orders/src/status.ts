import type { OrderItemStatus } from '@brandi/db';

export type { OrderActorKind, OrderItemStatus } from '@brandi/db';

/** Every item status, in the order of the desk's tabs (and of the column's enum). */
export const ORDER_ITEM_STATUSES: readonly OrderItemStatus[] = [
  'paid',
  'preparing',
  'shipping',
  'delivered',
  'confirmed',
  'cancelled',
  'refund_requested',
  'refunded',
];

/** The original's Korean labels (API.md, Orders). */
export const ORDER_ITEM_STATUS_LABELS: Readonly<Record<OrderItemStatus, string>> = {
  paid: '결제완료',
  preparing: '상품준비',
  shipping: '배송중',
  delivered: '배송완료',
  confirmed: '구매확정',
  cancelled: '주문취소완료',
  refund_requested: '환불요청',
  refunded: '환불완료',
};

/** No move leaves these. */
export const FINAL_STATUSES: ReadonlySet<OrderItemStatus> = new Set(['confirmed', 'cancelled', 'refunded']);

/** Statuses whose units are not sold (they leave sales counts and give their stock back). */
export const UNSOLD_STATUSES: ReadonlySet<OrderItemStatus> = new Set(['cancelled', 'refunded']);

/** Statuses a shopper may review an item in. */
export const REVIEWABLE_STATUSES: ReadonlySet<OrderItemStatus> = new Set(['delivered', 'confirmed']);

export function isOrderItemStatus(value: string): value is OrderItemStatus {
  return (ORDER_ITEM_STATUSES as readonly string[]).includes(value);
}
