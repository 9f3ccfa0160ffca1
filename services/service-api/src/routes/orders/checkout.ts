import { type Database, type Db, isLockConflict, type Order, sql, withTransactionRetry } from '@brandi/db';
import type { Transaction } from 'kysely';
import { ConflictError, NotPurchasableError, OutOfStockError, PriceChangedError, ValidationError, type FieldProblem } from '@brandi/errors';
import { itemNoFor, moveSalesCounts, orderNoFor, type PaymentGateway, takeStock } from '@brandi/orders';
import type { ObjectStore } from '@brandi/storage';
import { findLineFacts } from '../cart/line-facts.repository.js';
import { isPurchasable, priceLines, toCartView } from '../cart/priced-lines.js';
import { claimKey, KeyTaken, replayKey, requestHash, type StoredResponse, storeResponse } from './idempotency.js';
import { toOrderDetail } from './order-detail.js';
import type { PlaceOrderBody } from './schemas.js';

export interface CheckoutDeps {
  db: Db;
  store: ObjectStore;
  now: () => Date;
  payments: PaymentGateway;
}

/**
 * POST /orders: one transaction that claims the Idempotency-Key, prices every line, checks it (API.md's order:
 * the body, purchasability, stock, then expectedTotal), takes managed stock, writes the order and answers. A
 * deadlock or lock timeout reruns it whole; a key already taken answers its stored response.
 */
export async function placeOrder(deps: CheckoutDeps, shopperId: number, key: string, body: PlaceOrderBody): Promise<StoredResponse> {
  const hash = requestHash(body);
  // Twice at most: a key whose record expired (24 h) is deleted by the replay and claimed afresh.
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      return await withTransactionRetry(deps.db, (trx) => placeInTransaction(trx, deps, shopperId, key, hash, body));
    } catch (err) {
      if (isLockConflict(err)) throw new ConflictError('The order could not be placed right now; try again');
      if (!(err instanceof KeyTaken)) throw err;
    }
    const replay = await replayKey(deps.db, shopperId, key, hash, deps.now());
    if (replay) return replay;
  }
  throw new ConflictError('This Idempotency-Key is being used; try again');
}

async function placeInTransaction(
  trx: Transaction<Database>,
  deps: CheckoutDeps,
  shopperId: number,
  key: string,
  hash: string,
  body: PlaceOrderBody,
): Promise<StoredResponse> {
  const now = deps.now();
  const recordId = await claimKey(trx, shopperId, key, hash, now);
  const lines = body.items;
  const facts = await findLineFacts(
    trx,
    lines.map((l) => l.optionId),
  );

  const invalid: FieldProblem[] = [];
  const seen = new Set<number>();
  lines.forEach((line, i) => {
    if (seen.has(line.optionId)) invalid.push({ field: `items[${i}].optionId`, message: 'appears on an earlier line' });
    seen.add(line.optionId);
    const f = facts.get(line.optionId);
    if (f && (line.quantity < f.min_order_qty || line.quantity > f.max_order_qty)) {
      invalid.push({ field: `items[${i}].quantity`, message: `must be between ${f.min_order_qty} and ${f.max_order_qty}` });
    }
  });
  const address = await trx
    .selectFrom('addresses')
    .selectAll()
    .where('id', '=', body.addressId)
    .where('shopper_id', '=', shopperId)
    .executeTakeFirst();
  if (!address) invalid.push({ field: 'addressId', message: 'is not one of your addresses' });
  if (invalid.length > 0 || !address) throw new ValidationError(invalid);

  const unavailable = lines.flatMap((line, i) => {
    const f = facts.get(line.optionId);
    return f && isPurchasable(f) ? [] : [{ field: `items[${i}].optionId`, message: 'is not for sale now' }];
  });
  if (unavailable.length > 0) throw new NotPurchasableError('Some lines cannot be ordered now', unavailable);

  const shortOf = (i: number, left: number | null) => ({ field: `items[${i}].quantity`, message: `only ${left ?? 0} left` });
  const short = lines.flatMap((line, i) => {
    const { stock } = facts.get(line.optionId)!;
    return stock !== null && stock < line.quantity ? [shortOf(i, stock)] : [];
  });
  if (short.length > 0) throw new OutOfStockError('Some lines are out of stock', short);

  const priced = priceLines(lines, facts, now);
  const quote = toCartView(priced, deps.store);
  if (quote.total !== body.expectedTotal) throw new PriceChangedError(`The total is now ${quote.total}`, quote);

  // Rows only this order touches first; the shared rows (options, products, sellers, the sellers' counters)
  // last and in that order, so their locks are held for the last few statements only (a hot option queues on
  // them) and two checkouts take them in the same order. Foreign keys to products and sellers share-lock
  // those rows, so nothing referencing them is written before they are locked for update.
  const order = await insertOrder(trx, shopperId, body, address, quote, now);
  const sellerGroups = [...quote.sellers].sort((a, b) => a.seller.id - b.seller.id);
  await trx
    .deleteFrom('cart_lines')
    .where('shopper_id', '=', shopperId)
    .where(
      'option_id',
      'in',
      lines.map((l) => l.optionId),
    )
    .execute();
  // Authorized before any stock lock is taken, so a slow gateway never holds one; an authorization whose order
  // does not commit (its orderNo never appears) is for the provider to void.
  const payment = await deps.payments.authorize({ orderNo: order.order_no!, amount: quote.total });
  if (!payment.approved) throw new ConflictError(`The payment was declined: ${payment.reason}`);

  // Managed stock is taken in ascending option id, so two checkouts lock shared options in the same order.
  const byOption = lines.map((line, i) => ({ line, i })).sort((a, b) => a.line.optionId - b.line.optionId);
  for (const { line, i } of byOption) {
    if (facts.get(line.optionId)!.stock === null) continue;
    if (!(await takeStock(trx, line.optionId, line.quantity))) {
      const { stock } = (await trx.selectFrom('product_options').select('stock').where('id', '=', line.optionId).executeTakeFirst()) ?? {};
      short.push(shortOf(i, stock ?? 0));
    }
  }
  if (short.length > 0) throw new OutOfStockError('Some lines are out of stock', short);
  await moveSalesCounts(
    trx,
    priced.map((l) => ({ productId: l.facts.product_id, sellerId: l.facts.seller_id, units: l.quantity })),
  );

  // After the sellers' rows are locked for update: the key check of these inserts share-locks them, and a share
  // lock taken before an update of the same row is how two checkouts of one seller deadlock.
  await trx
    .insertInto('order_seller_groups')
    .values(sellerGroups.map((s) => ({ order_id: order.id, seller_id: s.seller.id, subtotal: s.subtotal, shipping_fee: s.shippingFee })))
    .execute();
  // Items seller by seller (ascending id): the counter rows their triggers update are locked in that order.
  const items = [...priced].sort((a, b) => a.facts.seller_id - b.facts.seller_id);
  const itemNos = items.map((_, n) => itemNoFor(order.order_no!, n + 1));
  await trx
    .insertInto('order_items')
    .values(
      items.map((l, n) => ({
        order_id: order.id,
        item_no: itemNos[n],
        seller_id: l.facts.seller_id,
        shopper_id: shopperId,
        placed_at: now,
        product_id: l.facts.product_id,
        option_id: l.optionId,
        product_name: l.facts.product_name,
        product_code: l.facts.product_code,
        option_color: l.facts.color,
        option_size: l.facts.size,
        quantity: l.quantity,
        unit_price: l.unitPrice,
        line_total: l.lineTotal,
        status: 'paid' as const,
        status_changed_at: now,
      })),
    )
    .execute();
  await sql`INSERT INTO order_item_history (order_item_id, status, valid_from, actor_kind, actor_id)
    SELECT id, 'paid', ${now}, 'shopper', ${shopperId} FROM order_items WHERE order_id = ${order.id}`.execute(trx);
  const ids = await trx.selectFrom('order_items').select(['id', 'item_no']).where('order_id', '=', order.id).execute();
  const idOf = new Map(ids.map((r) => [r.item_no, r.id]));

  const detail = toOrderDetail(
    order,
    items.map((l, n) => ({
      id: idOf.get(itemNos[n])!,
      item_no: itemNos[n],
      product_id: l.facts.product_id,
      product_name: l.facts.product_name,
      main_image_key: l.facts.main_image_key,
      option_color: l.facts.color,
      option_size: l.facts.size,
      quantity: l.quantity,
      unit_price: l.unitPrice,
      line_total: l.lineTotal,
      status: 'paid' as const,
      status_changed_at: now,
      carrier_id: null,
      carrier_name: null,
      tracking_no: null,
      refund_amount: null,
      review_id: null,
    })),
    sellerGroups.map((s) => ({
      seller_id: s.seller.id,
      name_ko: s.seller.name,
      subtotal: s.subtotal,
      shipping_fee: s.shippingFee,
      shipping_refunded: false,
    })),
    deps.store,
  );
  const response = { status: 201, body: detail };
  await storeResponse(trx, recordId, response);
  return response;
}

async function insertOrder(
  trx: Transaction<Database>,
  shopperId: number,
  body: PlaceOrderBody,
  address: { recipient: string; phone: string; zip_code: string; address1: string; address2: string },
  totals: { itemsTotal: number; shippingTotal: number; total: number },
  now: Date,
): Promise<Order> {
  const values = {
    order_no: null,
    shopper_id: shopperId,
    orderer_name: body.orderer.name,
    orderer_phone: body.orderer.phone,
    orderer_phone_digits: body.orderer.phone.replaceAll('-', ''),
    orderer_email: body.orderer.email,
    recipient: address.recipient,
    recipient_phone: address.phone,
    zip_code: address.zip_code,
    address1: address.address1,
    address2: address.address2,
    shipping_memo: body.shippingMemo ?? null,
    items_total: totals.itemsTotal,
    shipping_total: totals.shippingTotal,
    total: totals.total,
    placed_at: now,
  };
  const result = await trx.insertInto('orders').values(values).executeTakeFirstOrThrow();
  const id = Number(result.insertId);
  const orderNo = orderNoFor(now, id);
  await trx.updateTable('orders').set({ order_no: orderNo }).where('id', '=', id).execute();
  return { ...values, id, order_no: orderNo };
}
