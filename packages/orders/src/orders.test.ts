import { canMove, findMove, needsOf, ORDER_ITEM_MOVES, shopperActions } from './moves.js';
import { itemNoFor, kstDay, orderNoFor } from './order-numbers.js';
import { isShippingRefundDue, refundedTotalOf, shippingFeeFor, totalsOf, unitPriceAt } from './pricing.js';
import { FINAL_STATUSES, ORDER_ITEM_STATUSES } from './status.js';

test('final statuses have no move out; every move names who and what it needs', () => {
  for (const status of FINAL_STATUSES) expect(ORDER_ITEM_MOVES.filter((m) => m.from === status)).toEqual([]);
  expect(ORDER_ITEM_MOVES).toHaveLength(9);
  expect(canMove('paid', 'cancelled', 'shopper')).toBe(true);
  expect(canMove('preparing', 'cancelled', 'shopper')).toBe(false);
  expect(canMove('delivered', 'confirmed', 'system')).toBe(true);
  expect(canMove('delivered', 'confirmed', 'seller')).toBe(false);
  expect(findMove('refund_requested', 'delivered', 'admin')?.needs).toEqual(['rejectReason']);
  expect(needsOf('shipping')).toEqual(['shipment']);
  expect(ORDER_ITEM_MOVES.filter((m) => m.returnsUnits).map((m) => `${m.from}>${m.to}`)).toEqual([
    'paid>cancelled',
    'preparing>cancelled',
    'refund_requested>refunded',
  ]);
});

test("a shopper's actions per status", () => {
  const offered = ORDER_ITEM_STATUSES.map((s) => [s, shopperActions(s)]);
  expect(Object.fromEntries(offered)).toMatchObject({
    paid: { canCancel: true, canRequestRefund: false, canConfirm: false },
    preparing: { canCancel: false },
    delivered: { canCancel: false, canRequestRefund: true, canConfirm: true },
    confirmed: { canRequestRefund: false, canConfirm: false },
  });
});

test('shipping is 3,000 per seller under 50,000; totals group by seller in order of appearance', () => {
  expect([shippingFeeFor(0), shippingFeeFor(49_990), shippingFeeFor(50_000)]).toEqual([0, 3000, 0]);
  expect(
    totalsOf([
      { sellerId: 7, lineTotal: 30_000 },
      { sellerId: 3, lineTotal: 10_000 },
      { sellerId: 7, lineTotal: 20_000 },
    ]),
  ).toEqual({
    sellers: [
      { sellerId: 7, subtotal: 50_000, shippingFee: 0 },
      { sellerId: 3, subtotal: 10_000, shippingFee: 3000 },
    ],
    itemsTotal: 60_000,
    shippingTotal: 3000,
    total: 63_000,
  });
});

test('the unit price is the discounted price now; refunds add up items and refunded shipping', () => {
  const now = new Date('2026-11-30T00:00:00Z');
  const product = { price: 12_345 * 10, discount_rate: 15, discount_starts_at: null, discount_ends_at: new Date('2026-11-29T00:00:00Z') };
  expect(unitPriceAt(product, now)).toBe(123_450);
  expect(unitPriceAt({ ...product, discount_ends_at: null }, now)).toBe(104_930);
  expect(isShippingRefundDue(['cancelled', 'refunded'])).toBe(true);
  expect(isShippingRefundDue(['cancelled', 'paid'])).toBe(false);
  const items = [
    { status: 'cancelled' as const, refund_amount: 5000 },
    { status: 'paid' as const, refund_amount: null },
  ];
  expect(refundedTotalOf(items, [{ shipping_fee: 3000, shipping_refunded: true }])).toBe(8000);
});

test('order numbers: the KST day and the zero-padded id', () => {
  expect(kstDay(new Date('2026-11-30T15:00:00Z'))).toBe('20261201');
  expect(orderNoFor(new Date('2026-11-30T14:59:59Z'), 42)).toBe('20261130000042');
  expect(orderNoFor(new Date('2026-11-30T00:00:00Z'), 12_345_678)).toBe('2026113012345678');
  expect(itemNoFor('20261130000042', 2)).toBe('20261130000042-2');
});
