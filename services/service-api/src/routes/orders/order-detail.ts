import type { Database, Order, OrderItem } from '@brandi/db';
import { REVIEWABLE_STATUSES, refundedTotalOf, shopperActions } from '@brandi/orders';
import type { ObjectStore } from '@brandi/storage';
import type { Kysely } from 'kysely';
import type { OrderDetail } from './schemas.js';

type Executor = Kysely<Database>;

/**
 * The shopper's view of one of their orders, or undefined when it is not theirs (a 404: its existence is not
 * revealed). Takes any executor, so a use case can answer from inside its transaction.
 */
export async function findOrderDetail(
  db: Executor,
  store: ObjectStore,
  shopperId: number,
  orderId: number,
): Promise<OrderDetail | undefined> {
  const order = await db.selectFrom('orders').selectAll().where('id', '=', orderId).where('shopper_id', '=', shopperId).executeTakeFirst();
  if (!order) return undefined;
  const [items, groups] = await Promise.all([
    db
      .selectFrom('order_items as i')
      .innerJoin('products as p', 'p.id', 'i.product_id')
      .leftJoin('carriers as c', 'c.id', 'i.carrier_id')
      .leftJoin('reviews as r', 'r.order_item_id', 'i.id')
      .select([
        'i.id',
        'i.item_no',
        'i.product_id',
        'i.product_name',
        'p.main_image_key',
        'i.option_color',
        'i.option_size',
        'i.quantity',
        'i.unit_price',
        'i.line_total',
        'i.status',
        'i.status_changed_at',
        'i.carrier_id',
        'c.name as carrier_name',
        'i.tracking_no',
        'i.refund_amount',
        'r.id as review_id',
      ])
      .where('i.order_id', '=', order.id)
      .orderBy('i.id')
      .execute(),
    db
      .selectFrom('order_seller_groups as g')
      .innerJoin('sellers as s', 's.id', 'g.seller_id')
      .select(['g.seller_id', 's.name_ko', 'g.subtotal', 'g.shipping_fee', 'g.shipping_refunded'])
      .where('g.order_id', '=', order.id)
      .orderBy('g.seller_id')
      .execute(),
  ]);
  return toOrderDetail(order, items, groups, store);
}

/** An item row as the detail presents it (read by findOrderDetail, or built by checkout from what it wrote). */
export type DetailItemRow = Pick<
  OrderItem,
  | 'id'
  | 'item_no'
  | 'product_id'
  | 'product_name'
  | 'option_color'
  | 'option_size'
  | 'quantity'
  | 'unit_price'
  | 'line_total'
  | 'status'
  | 'status_changed_at'
  | 'carrier_id'
  | 'tracking_no'
  | 'refund_amount'
> & {
  main_image_key: string | null;
  carrier_name: string | null;
  review_id: number | null;
};

export interface DetailGroupRow {
  seller_id: number;
  name_ko: string;
  subtotal: number;
  shipping_fee: number;
  shipping_refunded: boolean;
}

export function toOrderDetail(
  order: Order,
  items: readonly DetailItemRow[],
  groups: readonly DetailGroupRow[],
  store: ObjectStore,
): OrderDetail {
  return {
    id: order.id,
    orderNo: order.order_no ?? '',
    placedAt: order.placed_at.toISOString(),
    orderer: { name: order.orderer_name, phone: order.orderer_phone, email: order.orderer_email },
    shipping: {
      recipient: order.recipient,
      phone: order.recipient_phone,
      zipCode: order.zip_code,
      address1: order.address1,
      address2: order.address2,
      memo: order.shipping_memo,
    },
    items: items.map((i) => ({
      id: i.id,
      itemNo: i.item_no,
      product: { id: i.product_id, name: i.product_name, imageUrl: i.main_image_key === null ? null : store.publicUrl(i.main_image_key) },
      option: { color: i.option_color, size: i.option_size },
      quantity: i.quantity,
      unitPrice: i.unit_price,
      lineTotal: i.line_total,
      status: i.status,
      statusChangedAt: i.status_changed_at.toISOString(),
      carrier: i.carrier_id === null ? null : { id: i.carrier_id, name: i.carrier_name ?? '' },
      trackingNo: i.tracking_no,
      refundAmount: i.refund_amount,
      ...shopperActions(i.status),
      canReview: REVIEWABLE_STATUSES.has(i.status) && i.review_id === null,
    })),
    sellers: groups.map((g) => ({ seller: { id: g.seller_id, name: g.name_ko }, subtotal: g.subtotal, shippingFee: g.shipping_fee })),
    itemsTotal: order.items_total,
    shippingTotal: order.shipping_total,
    total: order.total,
    refundedTotal: refundedTotalOf(
      items,
      groups.map((g) => ({ shipping_fee: g.shipping_fee, shipping_refunded: Boolean(g.shipping_refunded) })),
    ),
  };
}
