import type { OrderActorKind, OrderItemStatus } from '@brandi/db';
import { createProduct, createSeller, createShopper, createTestDb, type TestDb } from '@brandi/db/testing';
import { IllegalTransitionError, NotFoundError, ValidationError } from '@brandi/errors';
import { advancePaidItem } from './advance.js';
import { canMove } from './moves.js';
import { insertPaidOrder } from './testing/paid-order.js';
import { transitionItem, type TransitionItemInput } from './transition.js';

let t: TestDb;
let sellerId: number;
let shopperId: number;
let optionId: number;
beforeAll(async () => {
  t = await createTestDb();
  sellerId = await createSeller(t.db);
  shopperId = await createShopper(t.db);
  const productId = await createProduct(t.db, sellerId, { options: [{ color: 'black', size: 'M', stock: 1000 }] });
  optionId = (await t.db.selectFrom('product_options').select('id').where('product_id', '=', productId).executeTakeFirstOrThrow()).id;
});
afterAll(() => t.destroy());

const STATUSES: OrderItemStatus[] = [
  'paid',
  'preparing',
  'shipping',
  'delivered',
  'confirmed',
  'cancelled',
  'refund_requested',
  'refunded',
];
const ACTORS: OrderActorKind[] = ['shopper', 'seller', 'admin', 'system'];
// Everything any move may need, so only legality decides.
const EVERYTHING = { reasonId: 1, detail: '상세', carrierId: 1, trackingNo: '1234', rejectReason: '반려' };

async function itemIn(status: OrderItemStatus) {
  const placedAt = new Date(Date.now() - 3_600_000);
  return t.db.transaction().execute(async (trx) => {
    const order = await insertPaidOrder(trx, shopperId, [{ optionId, quantity: 1 }], placedAt);
    const item = order.items[0];
    await advancePaidItem(trx, { id: item.id, shopperId, sellerId }, status, placedAt, 1000);
    return item.id;
  });
}

const stateOf = async (itemId: number) => ({
  item: await t.db.selectFrom('order_items').selectAll().where('id', '=', itemId).executeTakeFirstOrThrow(),
  history: await t.db.selectFrom('order_item_history').selectAll().where('order_item_id', '=', itemId).orderBy('id').execute(),
  stock: await t.db.selectFrom('product_options').select('stock').where('id', '=', optionId).executeTakeFirstOrThrow(),
  sales: await t.db.selectFrom('sellers').select('sales_count').where('id', '=', sellerId).executeTakeFirstOrThrow(),
});

const move = (input: Omit<TransitionItemInput, 'now'>) =>
  t.db.transaction().execute((trx) => transitionItem(trx, { ...input, now: new Date() }));
const actorId = (kind: OrderActorKind) => (kind === 'shopper' ? shopperId : kind === 'system' ? null : sellerId);

const cases = STATUSES.flatMap((from) => STATUSES.filter((to) => to !== from).flatMap((to) => ACTORS.map((a) => [from, to, a] as const)));

test.each(cases)('%s → %s by %s follows the table', async (from, to, actor) => {
  const itemId = await itemIn(from);
  const before = await stateOf(itemId);
  const attempt = move({ itemId, to, actor: { kind: actor, id: actorId(actor) }, ...EVERYTHING });
  if (canMove(from, to, actor)) {
    await expect(attempt).resolves.toMatchObject({ itemId, from, to });
    const after = await stateOf(itemId);
    expect(after.item.status).toBe(to);
    expect(after.history.at(-1)).toMatchObject({ status: to, actor_kind: actor, actor_id: actorId(actor), valid_to: null });
    expect(after.history.at(-2)!.valid_to).toEqual(after.history.at(-1)!.valid_from);
    const givesBack = to === 'cancelled' || to === 'refunded';
    expect(after.stock.stock! - before.stock.stock!).toBe(givesBack ? 1 : 0);
    expect(before.sales.sales_count - after.sales.sales_count).toBe(givesBack ? 1 : 0);
  } else {
    await expect(attempt).rejects.toBeInstanceOf(IllegalTransitionError);
    expect(await stateOf(itemId)).toEqual(before);
  }
});

describe('needs and scope', () => {
  test.each([
    ['cancel without a reason', 'paid', { to: 'cancelled' }, 'reasonId'],
    ['cancel with a refund-only reason id', 'paid', { to: 'cancelled', reasonId: 6 }, 'reasonId'],
    ['ship without a tracking number', 'preparing', { to: 'shipping', carrierId: 1, trackingNo: '  ' }, 'trackingNo'],
    ['ship with an unknown carrier', 'preparing', { to: 'shipping', carrierId: 99, trackingNo: '1' }, 'carrierId'],
    ['reject without a reason', 'refund_requested', { to: 'delivered' }, 'rejectReason'],
  ] as const)('%s is VALIDATION naming the field, nothing changes', async (_what, from, input, field) => {
    const itemId = await itemIn(from);
    const before = await stateOf(itemId);
    const error = await move({ itemId, actor: { kind: 'seller', id: sellerId }, ...input }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).details).toEqual([{ field, message: expect.any(String) }]);
    expect(await stateOf(itemId)).toEqual(before);
  });

  test('a seller may cancel for 상품품절; a shopper may not', async () => {
    const itemId = await itemIn('paid');
    await expect(move({ itemId, to: 'cancelled', actor: { kind: 'shopper', id: shopperId }, reasonId: 3 })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(move({ itemId, to: 'cancelled', actor: { kind: 'seller', id: sellerId }, reasonId: 3 })).resolves.toMatchObject({
      to: 'cancelled',
    });
  });

  test('moves sharing references read each reason or carrier once, and each move still checks it', async () => {
    // A read is a new entry: count them.
    class CountedReferences extends Map<string, Promise<unknown>> {
      reads = 0;
      override set(key: string, value: Promise<unknown>) {
        this.reads += 1;
        return super.set(key, value);
      }
    }
    const references = new CountedReferences();
    const seller = { kind: 'seller' as const, id: sellerId };
    for (let n = 0; n < 3; n++) {
      const itemId = await itemIn('paid');
      await expect(move({ itemId, to: 'cancelled', actor: seller, reasonId: 3, references })).resolves.toMatchObject({ to: 'cancelled' });
    }
    expect(references.reads).toBe(1);
    // The same remembered reason is still refused to a shopper, and an unknown carrier to every item.
    const paid = await itemIn('paid');
    await expect(
      move({ itemId: paid, to: 'cancelled', actor: { kind: 'shopper', id: shopperId }, reasonId: 3, references }),
    ).rejects.toBeInstanceOf(ValidationError);
    for (let n = 0; n < 2; n++) {
      const itemId = await itemIn('preparing');
      await expect(move({ itemId, to: 'shipping', actor: seller, carrierId: 99, trackingNo: '1', references })).rejects.toBeInstanceOf(
        ValidationError,
      );
    }
    expect(references.reads).toBe(2);
  });

  test('an owner that is not the item’s is NOT_FOUND, like an unknown item', async () => {
    const itemId = await itemIn('paid');
    const before = await stateOf(itemId);
    for (const owner of [{ shopperId: shopperId + 1000 }, { sellerId: sellerId + 1000 }]) {
      await expect(move({ itemId, to: 'preparing', actor: { kind: 'seller', id: 1 }, owner })).rejects.toBeInstanceOf(NotFoundError);
    }
    await expect(move({ itemId: 987_654, to: 'cancelled', actor: { kind: 'admin', id: 1 }, reasonId: 1 })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(await stateOf(itemId)).toEqual(before);
    await expect(move({ itemId, to: 'preparing', actor: { kind: 'seller', id: sellerId }, owner: { sellerId } })).resolves.toMatchObject({
      to: 'preparing',
    });
  });

  test('a refund gives back the line total; the shipping fee of a one-item group comes with it', async () => {
    const itemId = await itemIn('refund_requested');
    const result = await move({ itemId, to: 'refunded', actor: { kind: 'admin', id: 1 } });
    expect(result).toMatchObject({ refundAmount: 10_000, shippingRefunded: 3_000 });
    expect((await stateOf(itemId)).item).toMatchObject({ refund_amount: 10_000, status: 'refunded' });
  });
});
