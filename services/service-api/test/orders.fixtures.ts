import type { Db } from '@brandi/db';
import { createAddress, createProduct, createShopper } from '@brandi/db/testing';
import type { TestContext } from './harness.js';

// Test data for the addresses, cart and orders tests, written through the database (not the API under test).

export async function bearer(ctx: TestContext, shopperId: number): Promise<Record<string, string>> {
  const { accessToken } = await ctx.app.tokens.sign({ sub: String(shopperId), role: 'shopper' });
  return { authorization: `Bearer ${accessToken}` };
}

export { createAddress };

/** The option ids of a product, in position order. */
export async function optionIds(db: Db, productId: number): Promise<number[]> {
  const rows = await db.selectFrom('product_options').select('id').where('product_id', '=', productId).orderBy('position').execute();
  return rows.map((r) => r.id);
}

export async function stockOf(db: Db, optionId: number): Promise<number | null> {
  const row = await db.selectFrom('product_options').select('stock').where('id', '=', optionId).executeTakeFirstOrThrow();
  return row.stock;
}

export const ORDERER = { name: '홍길동', phone: '010-1234-5678', email: 'gildong@example.com' };

export async function countRows(db: Db, table: 'orders' | 'order_items' | 'order_item_history' | 'order_seller_groups'): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface TestShopper {
  id: number;
  headers: Record<string, string>;
  addressId: number;
}

/** Shoppers with an address, options of new products, and POST /orders as a shopper (a fresh key unless given). */
export function checkoutFixtures(ctx: TestContext) {
  let keyCounter = 0;
  return {
    async newShopper(): Promise<TestShopper> {
      const id = await createShopper(ctx.db);
      return { id, headers: await bearer(ctx, id), addressId: await createAddress(ctx.db, id) };
    },
    async newOption(sellerId: number, fields: Parameters<typeof createProduct>[2] = {}): Promise<number> {
      const productId = await createProduct(ctx.db, sellerId, fields);
      return (await optionIds(ctx.db, productId))[0];
    },
    order(shopper: TestShopper, items: { optionId: number; quantity: number }[], expectedTotal: number, key = `key-${++keyCounter}`) {
      return ctx.app.inject({
        method: 'POST',
        url: '/orders',
        headers: { ...shopper.headers, 'idempotency-key': key },
        payload: { items, addressId: shopper.addressId, orderer: ORDERER, expectedTotal },
      });
    },
  };
}
