import { sql } from 'kysely';
import type { Db } from '../client.js';
import { createProduct, createSeller, createShopper, createTestDb, type TestDb } from '../testing/index.js';
import { indexOrderItemNames, orderItemNamePostings, rebuildOrderItemNameIndex } from './name-index.js';
import { ORDER_INDEX_SWITCHES } from './switches.js';

// order_item_name_tokens follows every write of its items and orders by trigger (insert, status move, rename,
// orderer rename, delete) with the same rows as the client-side split (orderItemNamePostings) the bulk loader
// writes; a session with the switch set writes none, and the rebuild or the bulk indexer puts back exactly
// what the triggers write.

let t: TestDb;
let seller: number;
let product: number;
let shopper: number;
beforeAll(async () => {
  t = await createTestDb();
  seller = await createSeller(t.db, { attributeId: 1 });
  product = await createProduct(t.db, seller);
  shopper = await createShopper(t.db);
});
afterAll(() => t.destroy());

const PLACED = new Date('2026-06-10T01:02:03.456Z');

async function insertOrder(db: Db, orderer: string, productNames: string[]): Promise<number[]> {
  const order = await db
    .insertInto('orders')
    .values({
      order_no: null,
      shopper_id: shopper,
      orderer_name: orderer,
      orderer_phone: '010-0000-0000',
      orderer_phone_digits: '01000000000',
      orderer_email: 'o@example.com',
      recipient: 'r',
      recipient_phone: '010',
      zip_code: '00000',
      address1: 'a',
      address2: 'b',
      items_total: 0,
      shipping_total: 0,
      total: 0,
      placed_at: PLACED,
    })
    .executeTakeFirstOrThrow();
  const orderId = Number(order.insertId);
  const ids: number[] = [];
  for (const [n, name] of productNames.entries()) {
    const item = await db
      .insertInto('order_items')
      .values({
        order_id: orderId,
        item_no: `T${orderId}-${n}`,
        seller_id: seller,
        shopper_id: shopper,
        product_id: product,
        option_id: 1,
        product_name: name,
        product_code: 'C',
        option_color: 'c',
        option_size: 's',
        quantity: 1,
        unit_price: 1,
        line_total: 1,
        status: 'paid',
        status_changed_at: PLACED,
        placed_at: PLACED,
      })
      .executeTakeFirstOrThrow();
    ids.push(Number(item.insertId));
  }
  return ids;
}

const key = (r: { field: string; token: string; order_item_id: number }) => `${r.order_item_id} ${r.field} ${r.token}`;
const sorted = <T extends { field: string; token: string; order_item_id: number }>(rows: T[]) =>
  [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

/** The postings stored for `ids`, in a comparable form. */
async function stored(ids: number[]) {
  const rows = await t.db.selectFrom('order_item_name_tokens').selectAll().where('order_item_id', 'in', ids).execute();
  return sorted(rows.map((r) => ({ ...r, order_item_id: Number(r.order_item_id), seller_id: Number(r.seller_id) })));
}

/** The postings the client-side split gives for `ids`, from the rows as they are now. */
async function expected(ids: number[]) {
  const items = await t.db
    .selectFrom('order_items as i')
    .innerJoin('orders as o', 'o.id', 'i.order_id')
    .select(['i.id', 'i.product_name', 'o.orderer_name', 'i.placed_at', 'i.seller_id', 'i.status', 'i.status_changed_at'])
    .where('i.id', 'in', ids)
    .execute();
  return sorted(items.flatMap(orderItemNamePostings));
}

test('the triggers keep one posting per field and distinct token, following moves, renames and deletes', async () => {
  const ids = await insertOrder(t.db, '김 민준', ['오버핏 린넨  셔츠 린넨', 'Linen LINEN']);
  const postings = await stored(ids);
  expect(postings).toEqual(await expected(ids));
  expect(postings.filter((p) => p.order_item_id === ids[0]).map((p) => `${p.field}:${p.token}`)).toEqual([
    'orderer:김',
    'orderer:민준',
    'product:린넨',
    'product:셔츠',
    'product:오버핏',
  ]);
  // Tokens compare in binary: both spellings are postings of their own.
  expect(postings.filter((p) => p.order_item_id === ids[1] && p.field === 'product').map((p) => p.token)).toEqual(['LINEN', 'Linen']);

  const movedAt = new Date('2026-06-11T00:00:00.000Z');
  await t.db.updateTable('order_items').set({ status: 'preparing', status_changed_at: movedAt }).where('id', '=', ids[0]).execute();
  const moved = await stored([ids[0]]);
  expect(moved.map((p) => [p.status, p.status_changed_at.toISOString()])).toEqual(moved.map(() => ['preparing', movedAt.toISOString()]));

  await t.db.updateTable('order_items').set({ product_name: '울 코트' }).where('id', '=', ids[0]).execute();
  const [orderId] = (await t.db.selectFrom('order_items').select('order_id').where('id', '=', ids[0]).execute()).map((r) => r.order_id);
  await t.db.updateTable('orders').set({ orderer_name: '박서준' }).where('id', '=', orderId).execute();
  const renamed = await stored(ids);
  expect(renamed).toEqual(await expected(ids));
  expect(renamed.filter((p) => p.order_item_id === ids[0]).map((p) => `${p.field}:${p.token}`)).toEqual([
    'orderer:박서준',
    'product:울',
    'product:코트',
  ]);

  await t.db.deleteFrom('order_items').where('id', '=', ids[1]).execute();
  expect(await stored([ids[1]])).toEqual([]);
});

test('with the switch set no posting is written; the rebuild and the bulk indexer write what the triggers write', async () => {
  const byTrigger = await insertOrder(t.db, '이서연', ['데일리 코튼 팬츠', '베이직 니트']);
  const skipped = await t.db.connection().execute(async (conn) => {
    await sql.raw(`SET ${ORDER_INDEX_SWITCHES.nameIndex} = 1`).execute(conn);
    try {
      return await insertOrder(conn, '최 지우', ['크롭 데님 자켓', '슬림  슬랙스']);
    } finally {
      await sql.raw(`SET ${ORDER_INDEX_SWITCHES.nameIndex} = NULL`).execute(conn);
    }
  });
  const triggered = await stored(byTrigger);
  expect(await stored(skipped)).toEqual([]);

  await indexOrderItemNames(
    t.db,
    await t.db
      .selectFrom('order_items as i')
      .innerJoin('orders as o', 'o.id', 'i.order_id')
      .select(['i.id', 'i.product_name', 'o.orderer_name', 'i.placed_at', 'i.seller_id', 'i.status', 'i.status_changed_at'])
      .where('i.id', 'in', skipped)
      .execute(),
  );
  expect(await stored(skipped)).toEqual(await expected(skipped));

  await sql`DELETE FROM order_item_name_tokens`.execute(t.db);
  await rebuildOrderItemNameIndex(t.db);
  expect(await stored(skipped)).toEqual(await expected(skipped));
  expect(await stored(byTrigger)).toEqual(triggered);
});
