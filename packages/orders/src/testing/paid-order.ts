import { effectivePrice, sql, type Database, type Db } from '@brandi/db';
import { moveSalesCounts } from '../stock.js';
import type { Transaction } from 'kysely';

export interface PaidOrderLine {
  optionId: number;
  quantity: number;
}

export interface PaidOrder {
  orderId: number;
  orderNo: string;
  items: { id: number; optionId: number; sellerId: number; productId: number; quantity: number; lineTotal: number }[];
}

const kstDay = (at: Date) => new Date(at.getTime() + 9 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '');

/**
 * An order placed as checkout places it, written straight to the tables (test data and the demo seed, not a
 * checkout): lines priced now, managed stock taken (throws when short), sales counts moved, seller groups
 * with their shipping fee, and each item's first history line (`paid`, by the shopper).
 */
export async function insertPaidOrder(
  trx: Transaction<Database> | Db,
  shopperId: number,
  lines: PaidOrderLine[],
  placedAt: Date,
): Promise<PaidOrder> {
  const priced: {
    id: number;
    color: string;
    size: string;
    product_id: number;
    seller_id: number;
    name: string;
    code: string;
    quantity: number;
    unitPrice: number;
    lineTotal: number;
  }[] = [];
  for (const line of [...lines].sort((a, b) => a.optionId - b.optionId)) {
    const row = await trx
      .selectFrom('product_options as o')
      .innerJoin('products as p', 'p.id', 'o.product_id')
      .select(['o.id', 'o.color', 'o.size', 'p.id as product_id', 'p.seller_id', 'p.name', 'p.code', 'p.price', 'p.discount_rate'])
      .select(['p.discount_starts_at', 'p.discount_ends_at'])
      .where('o.id', '=', line.optionId)
      .executeTakeFirstOrThrow();
    const taken = await trx
      .updateTable('product_options')
      .set({ stock: sql`stock - ${line.quantity}` })
      .where('id', '=', line.optionId)
      .where((eb) => eb.or([eb('stock', 'is', null), eb('stock', '>=', line.quantity)]))
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) !== 1) throw new Error(`option ${line.optionId} is short of ${line.quantity}`);
    const unitPrice = effectivePrice(row, placedAt).discountedPrice;
    priced.push({ ...row, quantity: line.quantity, unitPrice, lineTotal: unitPrice * line.quantity });
  }
  const sellers = [...new Set(priced.map((p) => p.seller_id))].sort((a, b) => a - b);
  const groups = sellers.map((sellerId) => {
    const subtotal = priced.filter((p) => p.seller_id === sellerId).reduce((sum, p) => sum + p.lineTotal, 0);
    return { sellerId, subtotal, shippingFee: subtotal < 50_000 ? 3_000 : 0 };
  });
  const itemsTotal = groups.reduce((sum, g) => sum + g.subtotal, 0);
  const shippingTotal = groups.reduce((sum, g) => sum + g.shippingFee, 0);
  const shopper = await trx.selectFrom('shoppers').select(['name', 'email']).where('id', '=', shopperId).executeTakeFirstOrThrow();
  const inserted = await trx
    .insertInto('orders')
    .values({
      shopper_id: shopperId,
      orderer_name: shopper.name,
      orderer_phone: '010-1234-5678',
      orderer_phone_digits: '01012345678',
      orderer_email: shopper.email ?? 'orderer@example.com',
      recipient: shopper.name,
      recipient_phone: '010-1234-5678',
      zip_code: '06236',
      address1: '서울특별시 강남구 테헤란로 123',
      address2: '4층',
      shipping_memo: null,
      items_total: itemsTotal,
      shipping_total: shippingTotal,
      total: itemsTotal + shippingTotal,
      placed_at: placedAt,
    })
    .executeTakeFirstOrThrow();
  const orderId = Number(inserted.insertId);
  const orderNo = `${kstDay(placedAt)}${String(orderId).padStart(6, '0')}`;
  await trx.updateTable('orders').set({ order_no: orderNo }).where('id', '=', orderId).execute();
  const items: PaidOrder['items'] = [];
  for (const [n, p] of priced.entries()) {
    const item = await trx
      .insertInto('order_items')
      .values({
        order_id: orderId,
        item_no: `${orderNo}-${n + 1}`,
        seller_id: p.seller_id,
        shopper_id: shopperId,
        placed_at: placedAt,
        product_id: p.product_id,
        option_id: p.id,
        product_name: p.name,
        product_code: p.code,
        option_color: p.color,
        option_size: p.size,
        quantity: p.quantity,
        unit_price: p.unitPrice,
        line_total: p.lineTotal,
        status: 'paid',
        status_changed_at: placedAt,
      })
      .executeTakeFirstOrThrow();
    const id = Number(item.insertId);
    await trx
      .insertInto('order_item_history')
      .values({ order_item_id: id, status: 'paid', valid_from: placedAt, valid_to: null, actor_kind: 'shopper', actor_id: shopperId })
      .execute();
    items.push({ id, optionId: p.id, sellerId: p.seller_id, productId: p.product_id, quantity: p.quantity, lineTotal: p.lineTotal });
  }
  await moveSalesCounts(
    trx,
    priced.map((p) => ({ productId: p.product_id, sellerId: p.seller_id, units: p.quantity })),
  );
  await trx
    .insertInto('order_seller_groups')
    .values(groups.map((g) => ({ order_id: orderId, seller_id: g.sellerId, subtotal: g.subtotal, shipping_fee: g.shippingFee })))
    .execute();
  return { orderId, orderNo, items };
}
