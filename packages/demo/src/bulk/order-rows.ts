import type { NewOrder, NewOrderItem, NewOrderItemHistory, OrderActorKind, OrderItemStatus } from '@brandi/db';
import type { Random } from '../random.js';

/** A product option orders can be generated for. */
export interface CatalogPick {
  id: number;
  seller_id: number;
  code: string;
  name: string;
  price: number;
  option_id: number;
  color: string;
  size: string;
}

export interface OrderBatch {
  orders: (NewOrder & { id: number })[];
  items: (NewOrderItem & { id: number })[];
  history: NewOrderItemHistory[];
  groups: { order_id: number; seller_id: number; subtotal: number; shipping_fee: number; shipping_refunded: boolean }[];
}

const DAY = 24 * 3600 * 1000;
const KST_OFFSET_MS = 9 * 3600 * 1000;
const SURNAMES = ['김', '이', '박', '최', '정', '강', '조', '윤', '장', '임', '한', '오', '서', '신', '권', '황', '안', '송', '류', '홍'];
const GIVEN = [
  '민준',
  '서연',
  '도윤',
  '지우',
  '하준',
  '서윤',
  '시우',
  '하은',
  '주원',
  '지민',
  '예준',
  '수아',
  '유준',
  '지아',
  '건우',
  '채원',
];
const FREE_SHIPPING_FROM = 50_000;
const SHIPPING_FEE = 3_000;

// What an item's status most likely is at a given age (days since the order), as weights.
const BY_AGE: [maxDays: number, weights: [OrderItemStatus, number][]][] = [
  [
    1,
    [
      ['paid', 0.6],
      ['preparing', 0.3],
      ['cancelled', 0.1],
    ],
  ],
  [
    3,
    [
      ['paid', 0.1],
      ['preparing', 0.2],
      ['shipping', 0.6],
      ['cancelled', 0.1],
    ],
  ],
  [
    7,
    [
      ['shipping', 0.2],
      ['delivered', 0.62],
      ['refund_requested', 0.08],
      ['cancelled', 0.1],
    ],
  ],
  [
    30,
    [
      ['delivered', 0.03],
      ['confirmed', 0.74],
      ['refund_requested', 0.03],
      ['refunded', 0.1],
      ['cancelled', 0.1],
    ],
  ],
  [
    Infinity,
    [
      ['confirmed', 0.83],
      ['refunded', 0.07],
      ['cancelled', 0.1],
    ],
  ],
];

// The statuses an item went through to reach its current one, and roughly how many days that took.
const CHAINS: Record<OrderItemStatus, [OrderItemStatus[], number]> = {
  paid: [['paid'], 0],
  preparing: [['paid', 'preparing'], 0.5],
  shipping: [['paid', 'preparing', 'shipping'], 1.5],
  delivered: [['paid', 'preparing', 'shipping', 'delivered'], 3],
  confirmed: [['paid', 'preparing', 'shipping', 'delivered', 'confirmed'], 10],
  cancelled: [['paid', 'cancelled'], 0.3],
  refund_requested: [['paid', 'preparing', 'shipping', 'delivered', 'refund_requested'], 5],
  refunded: [['paid', 'preparing', 'shipping', 'delivered', 'refund_requested', 'refunded'], 7],
};

function statusForAge(random: Random, ageDays: number): OrderItemStatus {
  const weights = BY_AGE.find(([max]) => ageDays < max)![1];
  let roll = random.next();
  for (const [status, weight] of weights) {
    roll -= weight;
    if (roll < 0) return status;
  }
  return weights[weights.length - 1][0];
}

const kstDay = (at: Date) => new Date(at.getTime() + KST_OFFSET_MS).toISOString().slice(0, 10).replaceAll('-', '');

/** Who made each move: the shopper pays, asks for refunds and sometimes confirms; sellers do the rest; the system confirms. */
function actorOf(
  random: Random,
  status: OrderItemStatus,
  shopperId: number,
  sellerId: number,
): { kind: OrderActorKind; id: number | null } {
  if (status === 'paid' || status === 'refund_requested') return { kind: 'shopper', id: shopperId };
  if (status === 'confirmed') return random.chance(0.7) ? { kind: 'system', id: null } : { kind: 'shopper', id: shopperId };
  return { kind: 'seller', id: sellerId };
}

export interface BatchInput {
  random: Random;
  orders: number;
  itemsLeft: number;
  /** The last ids used; advanced as rows are made. */
  ids: { order: number; item: number };
  /** Items made before this batch, and in all: the batch's orders are placed at that point of the period. */
  itemsBefore: number;
  itemsTotal: number;
  days: number;
  now: Date;
  catalog: { top: CatalogPick[]; rest: CatalogPick[] };
  topShare: number;
  shoppers: { min: number; max: number };
}

const bySellerCache = new WeakMap<CatalogPick[], Map<number, CatalogPick[]>>();

/** The products of `picks` per seller (computed once per list). */
function sellerProducts(picks: CatalogPick[]): Map<number, CatalogPick[]> {
  let map = bySellerCache.get(picks);
  if (!map) {
    map = new Map();
    for (const p of picks) map.set(p.seller_id, [...(map.get(p.seller_id) ?? []), p]);
    bySellerCache.set(picks, map);
  }
  return map;
}

/** Items of one order: 1–3 lines, the later ones often from the first line's seller. */
function pickLines(o: BatchInput): CatalogPick[] {
  const { random, catalog } = o;
  const count = random.chance(0.55) ? 1 : random.chance(0.67) ? 2 : 3;
  const first = random.chance(o.topShare) ? random.pick(catalog.top) : random.pick(catalog.rest);
  const lines = [first];
  for (let k = 1; k < count; k++) {
    const sameSeller = sellerProducts(catalog.top).get(first.seller_id) ?? [];
    const next = sameSeller.length > 1 && random.chance(0.5) ? random.pick(sameSeller) : random.pick(catalog.rest);
    if (!lines.some((l) => l.option_id === next.option_id)) lines.push(next);
  }
  return lines;
}

export function buildOrderBatch(o: BatchInput): OrderBatch {
  const { random, now } = o;
  const batch: OrderBatch = { orders: [], items: [], history: [], groups: [] };
  const span = o.days * DAY;
  for (let k = 0; k < o.orders && batch.items.length < o.itemsLeft; k++) {
    const progress = (o.itemsBefore + batch.items.length) / o.itemsTotal;
    const placedAt = new Date(now.getTime() - span + progress * span - random.int(0, 600) * 1000);
    const ageDays = (now.getTime() - placedAt.getTime()) / DAY;
    const orderId = ++o.ids.order;
    const orderNo = `${kstDay(placedAt)}${String(orderId).padStart(6, '0')}`;
    const shopperId = random.int(o.shoppers.min, o.shoppers.max);
    const lines = pickLines(o).slice(0, o.itemsLeft - batch.items.length);
    const bySeller = new Map<number, { subtotal: number; open: boolean }>();
    let itemsTotal = 0;
    for (const [n, line] of lines.entries()) {
      const quantity = random.int(1, 3);
      const lineTotal = line.price * quantity;
      itemsTotal += lineTotal;
      const status = statusForAge(random, ageDays);
      const [chain, chainDays] = CHAINS[status];
      const took = Math.min(chainDays * DAY * (0.5 + random.next()), (now.getTime() - placedAt.getTime()) * 0.9);
      const at = (step: number) => new Date(placedAt.getTime() + (chain.length === 1 ? 0 : Math.round((took * step) / (chain.length - 1))));
      const itemId = ++o.ids.item;
      const shipped = chain.includes('shipping');
      const refundReason = chain.includes('refund_requested') ? random.int(1, 6) : null;
      const cancelReason = status === 'cancelled' ? random.int(1, 3) : null;
      batch.items.push({
        id: itemId,
        order_id: orderId,
        item_no: `${orderNo}-${n + 1}`,
        seller_id: line.seller_id,
        shopper_id: shopperId,
        placed_at: placedAt,
        product_id: line.id,
        option_id: line.option_id,
        product_name: line.name,
        product_code: line.code,
        option_color: line.color,
        option_size: line.size,
        quantity,
        unit_price: line.price,
        line_total: lineTotal,
        status,
        status_changed_at: at(chain.length - 1),
        carrier_id: shipped ? random.int(1, 6) : null,
        tracking_no: shipped ? String(random.int(100000000, 999999999)) + String(random.int(100, 999)) : null,
        cancel_reason_id: cancelReason,
        refund_reason_id: refundReason,
        refund_detail: null,
        refund_amount: refundReason === null ? null : lineTotal,
      });
      for (const [step, lineStatus] of chain.entries()) {
        const actor =
          lineStatus === 'cancelled' && cancelReason !== 3
            ? { kind: 'shopper' as const, id: shopperId }
            : actorOf(random, lineStatus, shopperId, line.seller_id);
        const reasonId = lineStatus === 'cancelled' ? cancelReason : lineStatus === 'refund_requested' ? refundReason : null;
        batch.history.push({
          order_item_id: itemId,
          status: lineStatus,
          valid_from: at(step),
          valid_to: step === chain.length - 1 ? null : at(step + 1),
          actor_kind: actor.kind,
          actor_id: actor.id,
          reason_id: reasonId,
          reason_text: null,
          carrier_id: lineStatus === 'shipping' ? batch.items[batch.items.length - 1].carrier_id : null,
          tracking_no: lineStatus === 'shipping' ? batch.items[batch.items.length - 1].tracking_no : null,
        });
      }
      const group = bySeller.get(line.seller_id) ?? { subtotal: 0, open: false };
      group.subtotal += lineTotal;
      group.open ||= status !== 'cancelled' && status !== 'refunded';
      bySeller.set(line.seller_id, group);
    }
    let shippingTotal = 0;
    for (const [sellerId, group] of bySeller) {
      const fee = group.subtotal < FREE_SHIPPING_FROM ? SHIPPING_FEE : 0;
      shippingTotal += fee;
      batch.groups.push({
        order_id: orderId,
        seller_id: sellerId,
        subtotal: group.subtotal,
        shipping_fee: fee,
        shipping_refunded: !group.open && fee > 0,
      });
    }
    const phone = `010-${random.int(1000, 9999)}-${random.int(1000, 9999)}`;
    batch.orders.push({
      id: orderId,
      order_no: orderNo,
      shopper_id: shopperId,
      orderer_name: `${random.pick(SURNAMES)}${random.pick(GIVEN)}`,
      orderer_phone: phone,
      orderer_phone_digits: phone.replaceAll('-', ''),
      orderer_email: `buyer${shopperId}@example.com`,
      recipient: '수령인',
      recipient_phone: phone,
      zip_code: String(random.int(10000, 63999)),
      address1: '서울특별시 성동구 왕십리로 1',
      address2: `${random.int(1, 30)}층`,
      shipping_memo: random.chance(0.3) ? '부재 시 문 앞에 놓아 주세요' : null,
      items_total: itemsTotal,
      shipping_total: shippingTotal,
      total: itemsTotal + shippingTotal,
      placed_at: placedAt,
    });
  }
  return batch;
}
