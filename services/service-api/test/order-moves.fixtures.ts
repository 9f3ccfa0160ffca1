import type { Db, OrderItemStatus } from '@brandi/db';
import { createProduct, createSeller, createShopper } from '@brandi/db/testing';
import { advancePaidItem, insertPaidOrder, type PaidOrderLine } from '@brandi/orders';
import type { TestContext } from './harness.js';

export const bearerFor = async (ctx: TestContext, shopperId: number) => {
  const { accessToken } = await ctx.app.tokens.sign({ sub: String(shopperId), role: 'shopper' });
  return { authorization: `Bearer ${accessToken}` };
};

/** A seller with one product whose single option has `stock` (null = unmanaged); returns the option. */
export async function createOption(db: Db, fields: { stock: number | null; price?: number; sellerId?: number }) {
  const sellerId = fields.sellerId ?? (await createSeller(db));
  const productId = await createProduct(db, sellerId, {
    price: fields.price ?? 10_000,
    options: [{ color: 'black', size: 'M', stock: fields.stock }],
  });
  const option = await db.selectFrom('product_options').select('id').where('product_id', '=', productId).executeTakeFirstOrThrow();
  return { sellerId, productId, optionId: option.id };
}

/** An order of `lines` placed by `shopperId` an hour ago, each item walked to `status` by real moves. */
export async function orderIn(db: Db, shopperId: number, lines: PaidOrderLine[], status: OrderItemStatus = 'paid') {
  const placedAt = new Date(Date.now() - 24 * 3_600_000);
  return db.transaction().execute(async (trx) => {
    const order = await insertPaidOrder(trx, shopperId, lines, placedAt);
    for (const item of order.items)
      await advancePaidItem(trx, { id: item.id, shopperId, sellerId: item.sellerId }, status, placedAt, 60_000);
    return order;
  });
}

/** Everything a move may touch, to prove a refused move changed nothing. */
export async function orderState(db: Db, orderId: number) {
  const items = await db.selectFrom('order_items').selectAll().where('order_id', '=', orderId).orderBy('id').execute();
  const ids = items.map((i) => i.id);
  return {
    items,
    history: await db.selectFrom('order_item_history').selectAll().where('order_item_id', 'in', ids).orderBy('id').execute(),
    groups: await db.selectFrom('order_seller_groups').selectAll().where('order_id', '=', orderId).orderBy('seller_id').execute(),
    options: await db
      .selectFrom('product_options')
      .select(['id', 'stock'])
      .where(
        'id',
        'in',
        items.map((i) => i.option_id),
      )
      .orderBy('id')
      .execute(),
    products: await db
      .selectFrom('products')
      .select(['id', 'sales_count', 'ranking_score'])
      .where(
        'id',
        'in',
        items.map((i) => i.product_id),
      )
      .orderBy('id')
      .execute(),
    sellers: await db
      .selectFrom('sellers')
      .select(['id', 'sales_count'])
      .where(
        'id',
        'in',
        items.map((i) => i.seller_id),
      )
      .orderBy('id')
      .execute(),
    counts: await db.selectFrom('order_item_counts').selectAll().orderBy('seller_id').orderBy('status').execute(),
  };
}

export { createShopper };
