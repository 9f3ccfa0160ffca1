import { totalsOf, unitPriceAt } from '@brandi/orders';
import type { ObjectStore } from '@brandi/storage';
import type { LineFacts } from './line-facts.repository.js';
import type { CartView, LineProblem } from './schemas.js';

export interface RequestedLine {
  optionId: number;
  quantity: number;
}

export interface PricedLine extends RequestedLine {
  facts: LineFacts;
  unitPrice: number;
  lineTotal: number;
  problem: LineProblem | null;
}

/** Hidden, off sale, deleted, or the seller is not active: not for sale to anyone now. */
export function isPurchasable(f: LineFacts): boolean {
  return Boolean(f.is_on_sale) && Boolean(f.is_displayed) && f.deleted_at === null && f.seller_status === 'active';
}

export function problemOf(f: LineFacts, quantity: number): LineProblem | null {
  if (!isPurchasable(f)) return 'not_purchasable';
  if (quantity < f.min_order_qty || quantity > f.max_order_qty) return 'quantity_out_of_range';
  if (f.stock !== null && f.stock === 0) return 'sold_out';
  if (f.stock !== null && f.stock < quantity) return 'insufficient_stock';
  return null;
}

/** Prices each line at `now` (the one pricing rule of @brandi/orders); lines whose option is gone are left out. */
export function priceLines(lines: readonly RequestedLine[], facts: ReadonlyMap<number, LineFacts>, now: Date): PricedLine[] {
  return lines.flatMap((line) => {
    const f = facts.get(line.optionId);
    if (!f) return [];
    const unitPrice = unitPriceAt(f, now);
    return [{ ...line, facts: f, unitPrice, lineTotal: unitPrice * line.quantity, problem: problemOf(f, line.quantity) }];
  });
}

/** The cart shape (cart, quote, PRICE_CHANGED's quote): lines with a problem are left out of the totals. */
export function toCartView(lines: readonly PricedLine[], store: ObjectStore): CartView {
  const counted = lines.filter((l) => l.problem === null);
  const totals = totalsOf(counted.map((l) => ({ sellerId: l.facts.seller_id, lineTotal: l.lineTotal })));
  const sellerNames = new Map(lines.map((l) => [l.facts.seller_id, l.facts.seller_name]));
  return {
    items: lines.map((l) => ({
      optionId: l.optionId,
      product: {
        id: l.facts.product_id,
        name: l.facts.product_name,
        imageUrl: l.facts.main_image_key === null ? null : store.publicUrl(l.facts.main_image_key),
      },
      color: l.facts.color,
      size: l.facts.size,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      lineTotal: l.lineTotal,
      problem: l.problem,
    })),
    sellers: totals.sellers.map((s) => ({
      seller: { id: s.sellerId, name: sellerNames.get(s.sellerId)! },
      subtotal: s.subtotal,
      shippingFee: s.shippingFee,
    })),
    itemsTotal: totals.itemsTotal,
    shippingTotal: totals.shippingTotal,
    total: totals.total,
  };
}
