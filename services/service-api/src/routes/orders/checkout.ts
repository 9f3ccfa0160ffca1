import { type Database, type Db, isLockConflict, withTransactionRetry } from '@brandi/db';
import {
  ConflictError,
  DomainError,
  type FieldProblem,
  NotPurchasableError,
  OutOfStockError,
  PriceChangedError,
  ValidationError,
} from '@brandi/errors';
import { domainErrorAnswer } from '@brandi/http';
import { itemNoFor, moveSalesCounts, type PaymentGateway, takeStock } from '@brandi/orders';
import type { ObjectStore } from '@brandi/storage';
import type { Transaction } from 'kysely';
import { findCheckoutFacts, type LineFacts, type ShippingAddress } from '../cart/line-facts.repository.js';
import { isPurchasable, priceLines, type RequestedLine, toCartView } from '../cart/priced-lines.js';
import { finishOrder, insertItems, insertOrder } from './checkout-writes.js';
import { claimKey, KeyTaken, replayKey, requestHash, type StoredResponse, storeFailure } from './idempotency.js';
import type { OptionGate } from './option-gate.js';
import { toOrderDetail } from './order-detail.js';
import type { PlaceOrderBody } from './schemas.js';

export interface CheckoutDeps {
  db: Db;
  store: ObjectStore;
  now: () => Date;
  payments: PaymentGateway;
  /** Queues this instance's checkouts per option (optional: without it they queue on the row locks alone). */
  gate?: OptionGate;
}

/**
 * POST /orders: one transaction that claims the Idempotency-Key, prices every line, checks it (API.md's order:
 * the body, purchasability, stock, then expectedTotal), takes managed stock, writes the order and answers. A
 * deadlock or lock timeout reruns it whole; a key already taken answers its stored response. A failure of the
 * checkout itself (a domain error: 400, 409) is stored for the key too, then thrown.
 */
export async function placeOrder(deps: CheckoutDeps, shopperId: number, key: string, body: PlaceOrderBody): Promise<StoredResponse> {
  const hash = requestHash(body);
  // Twice at most: a key whose record expired (24 h) is deleted by the replay and claimed afresh.
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const place = () => placeUntilSettled(deps, shopperId, key, hash, body);
      const optionIds = body.items.map((l) => l.optionId);
      return await (deps.gate ? deps.gate.run(optionIds, place) : place());
    } catch (err) {
      if (isLockConflict(err)) throw new ConflictError('The order could not be placed right now; try again');
      if (err instanceof DomainError) {
        await storeFailure(deps.db, shopperId, key, hash, deps.now(), domainErrorAnswer(err));
        throw err;
      }
      if (!(err instanceof KeyTaken)) throw err;
    }
    const replay = await replayKey(deps.db, shopperId, key, hash, deps.now());
    if (replay) return replay;
  }
  throw new ConflictError('This Idempotency-Key is being used; try again');
}

/** The conditional stock update missed a line the transaction's snapshot had enough of: a concurrent order took it. */
class StockRaced extends Error {}

/**
 * Runs the transaction; when it lost a race for stock (rolled back), reads the stock as committed now: lines
 * short of it are OUT_OF_STOCK, as the check before the update would have said; none short (put back meanwhile)
 * runs the transaction again. Each race means another order took the units, so this ends.
 */
async function placeUntilSettled(deps: CheckoutDeps, shopperId: number, key: string, hash: string, body: PlaceOrderBody) {
  for (let race = 0; ; race++) {
    try {
      return await withTransactionRetry(deps.db, (trx) => placeInTransaction(trx, deps, shopperId, key, hash, body));
    } catch (err) {
      if (!(err instanceof StockRaced)) throw err;
    }
    const rows = await deps.db
      .selectFrom('product_options')
      .select(['id', 'stock'])
      .where(
        'id',
        'in',
        body.items.map((l) => l.optionId),
      )
      .execute();
    const stockOf = new Map(rows.map((r) => [r.id, r.stock]));
    const short = shortLines(body.items, (optionId) => stockOf.get(optionId) ?? 0);
    if (short.length > 0 || race >= 3) throw new OutOfStockError('Some lines are out of stock', short);
  }
}

/** `items[i].quantity` of each line whose managed stock is below its quantity. */
function shortLines(lines: readonly RequestedLine[], stockOf: (optionId: number) => number | null): FieldProblem[] {
  return lines.flatMap((line, i) => {
    const stock = stockOf(line.optionId);
    return stock !== null && stock < line.quantity ? [{ field: `items[${i}].quantity`, message: `only ${stock} left` }] : [];
  });
}

/** API.md's checks before anything is written, in its order: the body (400), NOT_PURCHASABLE, OUT_OF_STOCK. */
function checkLines(
  lines: PlaceOrderBody['items'],
  facts: ReadonlyMap<number, LineFacts>,
  address: ShippingAddress | undefined,
): ShippingAddress {
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
  if (!address) invalid.push({ field: 'addressId', message: 'is not one of your addresses' });
  if (invalid.length > 0 || !address) throw new ValidationError(invalid);

  const unavailable = lines.flatMap((line, i) => {
    const f = facts.get(line.optionId);
    return f && isPurchasable(f) ? [] : [{ field: `items[${i}].optionId`, message: 'is not for sale now' }];
  });
  if (unavailable.length > 0) throw new NotPurchasableError('Some lines cannot be ordered now', unavailable);
  const short = shortLines(lines, (optionId) => facts.get(optionId)!.stock);
  if (short.length > 0) throw new OutOfStockError('Some lines are out of stock', short);
  return address;
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
  const { facts, address, inCart } = await findCheckoutFacts(
    trx,
    shopperId,
    body.addressId,
    lines.map((l) => l.optionId),
  );
  const shipTo = checkLines(lines, facts, address);
  const priced = priceLines(lines, facts, now);
  const quote = toCartView(priced, deps.store);
  if (quote.total !== body.expectedTotal) throw new PriceChangedError(`The total is now ${quote.total}`, quote);

  // Rows only this order touches first; the shared rows (options, products, sellers, the sellers' counters)
  // last and in that order, so their locks are held for the last few statements only (a hot option queues on
  // them) and two checkouts take them in the same order. Foreign keys to products and sellers share-lock
  // those rows, so nothing referencing them is written before they are locked for update.
  const order = await insertOrder(trx, shopperId, body, shipTo, quote, now);
  if (inCart) {
    await trx
      .deleteFrom('cart_lines')
      .where('shopper_id', '=', shopperId)
      .where(
        'option_id',
        'in',
        lines.map((l) => l.optionId),
      )
      .execute();
  }
  // Authorized before any stock lock is taken, so a slow gateway never holds one; an authorization whose order
  // does not commit (its orderNo never appears) is for the provider to void.
  const payment = await deps.payments.authorize({ orderNo: order.order_no!, amount: quote.total });
  if (!payment.approved) throw new ConflictError(`The payment was declined: ${payment.reason}`);

  // Managed stock in one statement (rows locked in ascending option id, so two checkouts lock shared options
  // in the same order); a line missed rolls the transaction back (see placeUntilSettled).
  const managed = lines.filter((l) => facts.get(l.optionId)!.stock !== null);
  if (!(await takeStock(trx, managed))) throw new StockRaced();
  await moveSalesCounts(
    trx,
    priced.map((l) => ({ productId: l.facts.product_id, sellerId: l.facts.seller_id, units: l.quantity })),
  );

  // After the sellers' rows are locked for update: the key check of these inserts share-locks them, and a share
  // lock taken before an update of the same row is how two checkouts of one seller deadlock.
  const sellerGroups = [...quote.sellers].sort((a, b) => a.seller.id - b.seller.id);
  await trx
    .insertInto('order_seller_groups')
    .values(sellerGroups.map((s) => ({ order_id: order.id, seller_id: s.seller.id, subtotal: s.subtotal, shipping_fee: s.shippingFee })))
    .execute();
  // Items seller by seller (ascending id): the counter rows their triggers update are locked in that order.
  const items = [...priced].sort((a, b) => a.facts.seller_id - b.facts.seller_id);
  // What the item row and the answer's item share.
  const written = items.map((l, n) => ({
    item_no: itemNoFor(order.order_no!, n + 1),
    product_id: l.facts.product_id,
    product_name: l.facts.product_name,
    option_color: l.facts.color,
    option_size: l.facts.size,
    quantity: l.quantity,
    unit_price: l.unitPrice,
    line_total: l.lineTotal,
    status: 'paid' as const,
    status_changed_at: now,
  }));
  const ids = await insertItems(
    trx,
    written.map((row, n) => ({
      ...row,
      order_id: order.id,
      seller_id: items[n].facts.seller_id,
      shopper_id: shopperId,
      placed_at: now,
      option_id: items[n].optionId,
      product_code: items[n].facts.product_code,
    })),
    shopperId,
    now,
  );

  const detail = toOrderDetail(
    order,
    written.map((row, n) => ({
      ...row,
      id: ids[n],
      main_image_key: items[n].facts.main_image_key,
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
  await finishOrder(trx, order, recordId, response);
  return response;
}
