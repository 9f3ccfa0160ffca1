import type { Db, OrderItemStatus } from '@brandi/db';

// Orders written straight into the tables (as a checkout leaves them), never through the API under test.

export interface ItemFixture {
  sellerId: number;
  productId: number;
  optionId?: number;
  status?: OrderItemStatus;
  statusChangedAt?: Date;
  quantity?: number;
  unitPrice?: number;
  productName?: string;
  color?: string;
  size?: string;
  carrierId?: number;
  trackingNo?: string;
  cancelReasonId?: number;
  refundReasonId?: number;
  refundDetail?: string;
}

export interface OrderFixture {
  shopperId: number;
  placedAt?: Date;
  orderer?: { name: string; phone: string; email?: string };
  memo?: string | null;
  items: ItemFixture[];
}

const KST_OFFSET_MS = 9 * 60 * 60 * 1000;
const kstDay = (at: Date) => new Date(at.getTime() + KST_OFFSET_MS).toISOString().slice(0, 10).replaceAll('-', '');

/** The first option of a product (what most fixtures order). */
export async function firstOptionOf(db: Db, productId: number): Promise<number> {
  const row = await db
    .selectFrom('product_options')
    .select('id')
    .where('product_id', '=', productId)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** An order with its items, their status lines (paid by the shopper, then the current status by its seller) and order number. */
export async function createOrder(db: Db, fixture: OrderFixture): Promise<{ orderId: number; orderNo: string; itemIds: number[] }> {
  const placedAt = fixture.placedAt ?? new Date();
  const orderer = fixture.orderer ?? { name: '김주문', phone: '010-1234-5678' };
  const lineTotals = fixture.items.map((item) => (item.unitPrice ?? 10000) * (item.quantity ?? 1));
  const itemsTotal = lineTotals.reduce((a, b) => a + b, 0);
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('orders')
      .values({
        order_no: null,
        shopper_id: fixture.shopperId,
        orderer_name: orderer.name,
        orderer_phone: orderer.phone,
        orderer_phone_digits: orderer.phone.replace(/-/g, ''),
        orderer_email: orderer.email ?? 'orderer@example.com',
        recipient: '받는이',
        recipient_phone: '010-9999-0000',
        zip_code: '06000',
        address1: '서울시 강남구 테헤란로 1',
        address2: '101호',
        shipping_memo: fixture.memo === undefined ? '문 앞에 놓아 주세요' : fixture.memo,
        items_total: itemsTotal,
        shipping_total: 0,
        total: itemsTotal,
        placed_at: placedAt,
      })
      .executeTakeFirstOrThrow();
    const orderId = Number(inserted.insertId);
    const orderNo = `${kstDay(placedAt)}${String(orderId).padStart(6, '0')}`;
    await trx.updateTable('orders').set({ order_no: orderNo }).where('id', '=', orderId).execute();
    const itemIds: number[] = [];
    for (const [n, item] of fixture.items.entries()) {
      const status = item.status ?? 'paid';
      const changedAt = status === 'paid' ? placedAt : (item.statusChangedAt ?? new Date(placedAt.getTime() + 60_000));
      const quantity = item.quantity ?? 1;
      const result = await trx
        .insertInto('order_items')
        .values({
          order_id: orderId,
          item_no: `${orderNo}-${n + 1}`,
          seller_id: item.sellerId,
          shopper_id: fixture.shopperId,
          placed_at: placedAt,
          product_id: item.productId,
          option_id: item.optionId ?? (await firstOptionOf(trx as unknown as Db, item.productId)),
          product_name: item.productName ?? '주문 상품',
          product_code: `P${item.productId}`,
          option_color: item.color ?? 'black',
          option_size: item.size ?? 'M',
          quantity,
          unit_price: item.unitPrice ?? 10000,
          line_total: lineTotals[n],
          status,
          status_changed_at: changedAt,
          carrier_id: item.carrierId ?? (['shipping', 'delivered', 'confirmed'].includes(status) ? 1 : null),
          tracking_no: item.trackingNo ?? (['shipping', 'delivered', 'confirmed'].includes(status) ? '123456789012' : null),
          cancel_reason_id: item.cancelReasonId ?? (status === 'cancelled' ? 1 : null),
          refund_reason_id: item.refundReasonId ?? (status === 'refund_requested' || status === 'refunded' ? 2 : null),
          refund_detail: item.refundDetail ?? null,
          refund_amount: status === 'refund_requested' || status === 'refunded' ? lineTotals[n] : null,
        })
        .executeTakeFirstOrThrow();
      const itemId = Number(result.insertId);
      itemIds.push(itemId);
      const paidLine = { order_item_id: itemId, actor_kind: 'shopper' as const, actor_id: fixture.shopperId };
      await trx
        .insertInto('order_item_history')
        .values({ ...paidLine, status: 'paid', valid_from: placedAt, valid_to: status === 'paid' ? null : changedAt })
        .execute();
      if (status !== 'paid')
        await trx
          .insertInto('order_item_history')
          .values({
            order_item_id: itemId,
            status,
            valid_from: changedAt,
            valid_to: null,
            actor_kind: status === 'refund_requested' ? 'shopper' : 'seller',
            actor_id: status === 'refund_requested' ? fixture.shopperId : item.sellerId,
            reason_id:
              status === 'cancelled' ? (item.cancelReasonId ?? 1) : status === 'refund_requested' ? (item.refundReasonId ?? 2) : null,
            reason_text: status === 'refund_requested' ? (item.refundDetail ?? null) : null,
          })
          .execute();
    }
    // One seller group per seller of the order, as checkout writes them (a cancel or refund locks its group).
    const subtotals = new Map<number, number>();
    for (const [n, item] of fixture.items.entries()) subtotals.set(item.sellerId, (subtotals.get(item.sellerId) ?? 0) + lineTotals[n]);
    await trx
      .insertInto('order_seller_groups')
      .values([...subtotals].map(([sellerId, subtotal]) => ({ order_id: orderId, seller_id: sellerId, subtotal, shipping_fee: 0 })))
      .execute();
    return { orderId, orderNo, itemIds };
  });
}

/** One single-item order per status given, for `sellerId`'s product. */
export async function createItemsInStatuses(
  db: Db,
  o: {
    shopperId: number;
    sellerId: number;
    productId: number;
    statuses: OrderItemStatus[];
    placedAt?: Date;
    statusChangedAt?: Date;
    productName?: string;
  },
): Promise<number[]> {
  const ids: number[] = [];
  for (const status of o.statuses) {
    const { itemIds } = await createOrder(db, {
      shopperId: o.shopperId,
      placedAt: o.placedAt,
      items: [{ sellerId: o.sellerId, productId: o.productId, status, statusChangedAt: o.statusChangedAt, productName: o.productName }],
    });
    ids.push(itemIds[0]);
  }
  return ids;
}
