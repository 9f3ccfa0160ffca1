import { type DiscountFields, effectivePrice, type OrderItemStatus } from '@brandi/db';
import { UNSOLD_STATUSES } from './status.js';

/** Shipping per seller per order: 3,000 KRW when that seller's lines total under 50,000 KRW, else free. */
export const SHIPPING_FEE = 3000;
export const FREE_SHIPPING_FROM = 50000;

/** The unit price charged now: the product's discountedPrice at this instant (API.md, Money). */
export function unitPriceAt(product: DiscountFields, now: Date): number {
  return effectivePrice(product, now).discountedPrice;
}

export function shippingFeeFor(subtotal: number): number {
  return subtotal > 0 && subtotal < FREE_SHIPPING_FROM ? SHIPPING_FEE : 0;
}

export interface SellerTotal {
  sellerId: number;
  subtotal: number;
  shippingFee: number;
}

export interface OrderTotals {
  /** In the order each seller first appears among the lines. */
  sellers: SellerTotal[];
  itemsTotal: number;
  shippingTotal: number;
  total: number;
}

/** Totals of priced lines, grouped per seller (the cart, the quote and the checkout all use this). */
export function totalsOf(lines: readonly { sellerId: number; lineTotal: number }[]): OrderTotals {
  const bySeller = new Map<number, number>();
  for (const line of lines) bySeller.set(line.sellerId, (bySeller.get(line.sellerId) ?? 0) + line.lineTotal);
  const sellers = [...bySeller].map(([sellerId, subtotal]) => ({ sellerId, subtotal, shippingFee: shippingFeeFor(subtotal) }));
  const itemsTotal = sellers.reduce((sum, s) => sum + s.subtotal, 0);
  const shippingTotal = sellers.reduce((sum, s) => sum + s.shippingFee, 0);
  return { sellers, itemsTotal, shippingTotal, total: itemsTotal + shippingTotal };
}

/** An item's refund is its line total (API.md). */
export function refundAmountOf(item: { line_total: number }): number {
  return item.line_total;
}

/** A seller's shipping fee is refunded once every one of its items in the order is cancelled or refunded. */
export function isShippingRefundDue(sellerItemStatuses: readonly OrderItemStatus[]): boolean {
  return sellerItemStatuses.length > 0 && sellerItemStatuses.every((s) => UNSOLD_STATUSES.has(s));
}

/** What has gone back to the shopper: refund amounts of unsold items plus refunded shipping fees. */
export function refundedTotalOf(
  items: readonly { status: OrderItemStatus; refund_amount: number | null }[],
  groups: readonly { shipping_fee: number; shipping_refunded: boolean }[],
): number {
  const lines = items.filter((i) => UNSOLD_STATUSES.has(i.status)).reduce((sum, i) => sum + (i.refund_amount ?? 0), 0);
  return lines + groups.filter((g) => g.shipping_refunded).reduce((sum, g) => sum + g.shipping_fee, 0);
}
