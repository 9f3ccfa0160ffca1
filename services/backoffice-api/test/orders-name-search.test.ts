import { sql } from '@brandi/db';
import { escapeLike } from '@brandi/http';
import { startTestApp, type TestContext } from './harness.js';
import { createOrder } from './orders.fixtures.js';
import { bearerFor, createAdmin, createProduct, createSeller, createShopper } from './sellers.fixtures.js';

// The desk's name searches (ordererName, productName: "contains", API.md) read the name postings; whatever they
// read, the answer must be the column's own `LIKE '%q%'` (q trimmed; case and accents as the names' collation
// compares them), in the list's order with an exact total: for a word inside one token, a word held by several
// tokens of one name, a text spanning a space, doubled spaces, LIKE's own metacharacters, and after moves.

let ctx: TestContext;
let sellerA: number;
let mine: Record<string, string>;
let admin: Record<string, string>;

const PRODUCT_NAMES = [
  '오버핏 린넨 셔츠',
  '린넨셔츠 셔츠',
  '린넨  셔츠',
  'Linen Shirt',
  'LINEN shirt',
  'Café 라떼 머그',
  '100% 코튼 티',
  'a_b 코튼',
  '울 코트',
  '셔츠',
];
const ORDERERS = ['김민준', '이민준', '김 민준', 'Kim Minjun', '박서연', '서연'];
const BASE = Date.UTC(2026, 5, 1);

beforeAll(async () => {
  ctx = await startTestApp();
  const { db } = ctx;
  sellerA = await createSeller(db);
  const sellerB = await createSeller(db);
  const shopper = await createShopper(db);
  const products = [await createProduct(db, sellerA), await createProduct(db, sellerB)];
  for (let n = 0; n < 36; n++) {
    // Every third order shares its instant with the one before: ties are broken by id.
    const placedAt = new Date(BASE + Math.floor(n - (n % 3 === 2 ? 1 : 0)) * 3_600_000);
    const lines = n % 4 === 0 ? 2 : 1;
    await createOrder(db, {
      shopperId: shopper,
      placedAt,
      orderer: { name: ORDERERS[n % ORDERERS.length], phone: '010-1234-5678' },
      items: Array.from({ length: lines }, (_, k) => ({
        sellerId: [sellerA, sellerB][(n + k) % 2],
        productId: products[(n + k) % 2],
        productName: PRODUCT_NAMES[(n * 3 + k) % PRODUCT_NAMES.length],
        status: n % 5 === 0 ? ('preparing' as const) : ('paid' as const),
      })),
    });
  }
  mine = await bearerFor(ctx.app, sellerA);
  admin = await bearerFor(ctx.app, await createAdmin(db), 'admin');
}, 120_000);
afterAll(() => ctx.close());

type Field = 'productName' | 'ordererName';

/** The ids the plain LIKE on the name column selects, in the list's order. */
async function likeIds(field: Field, q: string, o: { seller?: number; status?: string; sort?: 'oldest' } = {}): Promise<number[]> {
  const column = field === 'productName' ? sql.ref('i.product_name') : sql.ref('o.orderer_name');
  const dir = sql.raw(o.sort === 'oldest' ? 'ASC' : 'DESC');
  const rows = await sql<{ id: number }>`SELECT i.id FROM order_items i INNER JOIN orders o ON o.id = i.order_id
    WHERE ${column} LIKE ${`%${escapeLike(q.trim())}%`}
      AND ${o.seller === undefined ? sql`TRUE` : sql`i.seller_id = ${o.seller}`}
      AND ${o.status === undefined ? sql`TRUE` : sql`i.status = ${o.status}`}
    ORDER BY i.placed_at ${dir}, i.id ${dir}`.execute(ctx.db);
  return rows.rows.map((r) => Number(r.id));
}

async function listIds(query: Record<string, string | undefined>, headers: Record<string, string>) {
  const res = await ctx.app.inject({
    method: 'GET',
    url: `/orders?${new URLSearchParams(Object.entries({ limit: '100', ...query }).filter((e): e is [string, string] => e[1] !== undefined))}`,
    headers,
  });
  expect(res.statusCode).toBe(200);
  const body = res.json();
  return { total: body.total as number, ids: body.items.map((i: { id: number }) => i.id) as number[] };
}

const QUERIES: [Field, string][] = [
  ['productName', '린넨'],
  ['productName', '셔'],
  ['productName', '넨 셔'],
  ['productName', '린넨  셔츠'],
  ['productName', 'linen'],
  ['productName', 'n s'],
  ['productName', 'cafe'],
  ['productName', '100%'],
  ['productName', '_'],
  ['productName', '  코튼 '],
  ['productName', '없는말'],
  ['productName', ' '],
  ['ordererName', '민준'],
  ['ordererName', '김'],
  ['ordererName', '김 민'],
  ['ordererName', 'kim min'],
  ['ordererName', '서연'],
];

test.each(QUERIES)(
  '%s contains "%s": the same items, order and total as the plain LIKE, for a seller and for the admin',
  async (field, q) => {
    for (const [headers, seller] of [
      [mine, sellerA],
      [admin, undefined],
    ] as const) {
      const extras: { status?: string; sort?: 'oldest' }[] = [{}, { status: 'paid' }, { sort: 'oldest' }];
      for (const extra of extras) {
        const expected = await likeIds(field, q, { seller, ...extra });
        const got = await listIds({ searchField: field, q, ...extra }, headers);
        expect({ q, extra, seller, ...got }).toEqual({ q, extra, seller, total: expected.length, ids: expected });
      }
    }
  },
);

test('a page deep in a word held by several tokens is the same slice of the plain LIKE', async () => {
  const expected = await likeIds('productName', '셔');
  expect(expected.length).toBeGreaterThan(12);
  for (const page of ['1', '2', '3']) {
    const got = await listIds({ searchField: 'productName', q: '셔', limit: '5', page }, admin);
    expect(got).toEqual({ total: expected.length, ids: expected.slice((Number(page) - 1) * 5, Number(page) * 5) });
  }
});

test('a word held by more tokens than are read run by run (one sorted read) still answers as the plain LIKE', async () => {
  const shopper = await createShopper(ctx.db);
  const product = await createProduct(ctx.db, sellerA);
  for (let n = 0; n < 70; n++)
    await createOrder(ctx.db, {
      shopperId: shopper,
      placedAt: new Date(BASE - (n % 7) * 3_600_000),
      orderer: { name: `하나${n}`, phone: '010-1234-5678' },
      items: [{ sellerId: sellerA, productId: product, productName: `하나${n} 하나`, status: n % 2 ? 'paid' : 'preparing' }],
    });
  for (const [field, extra] of [
    ['ordererName', {}],
    ['ordererName', { status: 'paid' }],
    ['productName', { sort: 'oldest' as const }],
  ] as const) {
    const expected = await likeIds(field, '하나', extra);
    expect(await listIds({ searchField: field, q: '하나', ...extra }, admin)).toEqual({ total: expected.length, ids: expected });
    const page = await listIds({ searchField: field, q: '하나', limit: '10', page: '3', ...extra }, mine);
    expect(page).toEqual({ total: expected.length, ids: expected.slice(20, 30) });
  }
});

test('a move, a rename and an orderer rename are searchable at once (the postings follow by trigger)', async () => {
  const [first] = await likeIds('productName', '울 코트', { seller: sellerA, status: 'paid' });
  const moved = await ctx.app.inject({
    method: 'POST',
    url: '/orders/items/transition',
    headers: mine,
    payload: { itemIds: [first], to: 'preparing' },
  });
  expect(moved.json().results).toEqual([{ itemId: first, ok: true, status: 'preparing' }]);
  const preparing = await listIds({ searchField: 'productName', q: '울 코', status: 'preparing' }, mine);
  expect(preparing.ids).toContain(first);
  expect((await listIds({ searchField: 'productName', q: '울 코', status: 'paid' }, mine)).ids).not.toContain(first);

  await ctx.db.updateTable('order_items').set({ product_name: '새 이름 니트' }).where('id', '=', first).execute();
  const item = await ctx.db.selectFrom('order_items').select('order_id').where('id', '=', first).executeTakeFirstOrThrow();
  await ctx.db.updateTable('orders').set({ orderer_name: '최지우' }).where('id', '=', item.order_id).execute();
  expect((await listIds({ searchField: 'productName', q: '이름 니' }, mine)).ids).toEqual([first]);
  expect((await listIds({ searchField: 'productName', q: '울 코트' }, mine)).ids).not.toContain(first);
  expect((await listIds({ searchField: 'ordererName', q: '지우' }, mine)).ids).toContain(first);
});

test('an order-number day prefix is that KST day’s orders; a longer prefix narrows within it; a non-day matches none', async () => {
  const day = await ctx.db.selectFrom('orders').select('order_no').orderBy('id').limit(1).executeTakeFirstOrThrow();
  const orderNo = day.order_no ?? '';
  const onDay = await sql<{ id: number }>`SELECT i.id FROM order_items i INNER JOIN orders o ON o.id = i.order_id
    WHERE o.order_no LIKE ${`${orderNo.slice(0, 8)}%`} ORDER BY i.placed_at DESC, i.id DESC`.execute(ctx.db);
  expect(await listIds({ searchField: 'orderNo', q: orderNo.slice(0, 8) }, admin)).toEqual({
    total: onDay.rows.length,
    ids: onDay.rows.map((r) => Number(r.id)),
  });
  const exact = await listIds({ searchField: 'orderNo', q: orderNo }, admin);
  expect(exact.total).toBeGreaterThan(0);
  expect(exact.total).toBeLessThan(onDay.rows.length);
  expect((await listIds({ searchField: 'orderNo', q: '20261399' }, admin)).total).toBe(0);
  expect((await listIds({ searchField: 'itemNo', q: orderNo.slice(0, 8) }, admin)).total).toBe(onDay.rows.length);
});
