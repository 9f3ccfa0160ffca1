import { type Db, hashPassword } from '@brandi/db';
import { createAddress, createProduct, createSeller, createShopper } from '@brandi/db/testing';
import type { HttpApp } from '@brandi/http';
import { downRedis, startTestRedis, type TestRedis } from '@brandi/http/testing';
import { bearer, startScaledOut, type ScaledOut } from './harness.js';

// Scale-out (issue 16): two shopper API instances and one back office sharing one Redis (a key prefix of this
// run on the real 127.0.0.1:6379), with a 60 s read cache. Every instance has its own client, cache and
// counters, as separate processes would.

const PASSWORD = 'Scale-out-2026!';
const SHOP = { main: 4, first: 1, second: 1 } as const;
const SHOP_TOP = { main: 4, first: 2, second: 8 } as const;

let redis: TestRedis;
let cluster: ScaledOut;
let shopperA: HttpApp;
let shopperB: HttpApp;

beforeAll(async () => {
  redis = await startTestRedis();
  cluster = await startScaledOut({
    shopperInstances: 2,
    redisFor: () => redis.client(),
    shopperEnv: { CACHE_TTL_MS: '60000' },
  });
  [shopperA, shopperB] = cluster.shoppers;
});
afterAll(async () => {
  await cluster.close();
  await redis.close();
});

async function createShopperWithPassword(db: Db, loginId: string): Promise<void> {
  const id = await createShopper(db, loginId);
  await db
    .updateTable('shoppers')
    .set({ password_hash: await hashPassword(PASSWORD) })
    .where('id', '=', id)
    .execute();
}

const get = (app: HttpApp, url: string) => app.inject({ method: 'GET', url });
const detailOf = async (app: HttpApp, id: number) => get(app, `/products/${id}`);
const feedItem = async (app: HttpApp, id: number, secondCategoryId: number = SHOP.second) => {
  const res = await get(app, `/products?secondCategoryId=${secondCategoryId}&sort=newest`);
  expect(res.statusCode).toBe(200);
  return (res.json().items as { id: number; price: number }[]).find((item) => item.id === id);
};

async function backoffice(method: 'PATCH' | 'DELETE', url: string, who: { sub: string; role: string }, payload?: object, headers = {}) {
  const res = await cluster.backoffice.inject({
    method,
    url,
    payload,
    headers: { ...(await bearer(cluster.backoffice, who)), ...headers },
  });
  expect(res.statusCode).toBeLessThan(300);
  return res;
}

describe('the read cache is shared and writes invalidate it at once', () => {
  test('a back-office price change shows on both instances at the next request (detail and category feed)', async () => {
    const sellerId = await createSeller(cluster.db);
    const id = await createProduct(cluster.db, sellerId, { price: 30000, category: SHOP });
    for (const app of [shopperA, shopperB]) {
      expect((await detailOf(app, id)).json().price).toBe(30000);
      expect((await feedItem(app, id))?.price).toBe(30000);
    }
    // Both instances now answer from the cache: a change behind the services' back stays invisible…
    await cluster.db.updateTable('products').set({ name: '몰래 바뀐 이름' }).where('id', '=', id).execute();
    expect((await detailOf(shopperB, id)).json().name).not.toBe('몰래 바뀐 이름');
    const hits = (app: HttpApp) => (app as unknown as { cache: { stats(): { hits: number } } }).cache.stats().hits;
    expect(hits(shopperA) + hits(shopperB)).toBeGreaterThanOrEqual(3);

    // …but the back office's own write is seen by both at once.
    const seller = { sub: String(sellerId), role: 'seller' };
    await backoffice('PATCH', `/products/${id}`, seller, { product: { price: 45000 } }, { 'if-match': '1' });
    for (const app of [shopperA, shopperB]) {
      expect((await detailOf(app, id)).json()).toMatchObject({ price: 45000, name: '몰래 바뀐 이름' });
      expect((await feedItem(app, id))?.price).toBe(45000);
    }

    // Moving it to another category drops it from the old feed's cached first page on both.
    await backoffice('PATCH', `/products/${id}`, seller, { product: { secondCategoryId: 2 } }, { 'if-match': '2' });
    for (const app of [shopperA, shopperB]) expect(await feedItem(app, id)).toBeUndefined();

    await backoffice('DELETE', `/products/${id}`, seller);
    for (const app of [shopperA, shopperB]) expect((await detailOf(app, id)).statusCode).toBe(404);
  });

  test("an admin pausing a seller hides its products on both instances; a shopper's question on A shows on B", async () => {
    const sellerId = await createSeller(cluster.db);
    const adminId = await createSeller(cluster.db, { role: 'admin' });
    // Its own category: this fixture is written behind the services' back, so a feed cached earlier would not show it.
    const id = await createProduct(cluster.db, sellerId, { category: SHOP_TOP });
    const shopperId = await createShopper(cluster.db);
    for (const app of [shopperA, shopperB]) expect((await detailOf(app, id)).json().questionCount).toBe(0);

    const asked = await shopperA.inject({
      method: 'POST',
      url: `/products/${id}/questions`,
      headers: await bearer(shopperA, { sub: String(shopperId), role: 'shopper' }),
      payload: { typeId: 1, content: '사이즈 문의', isPrivate: false },
    });
    expect(asked.statusCode).toBe(201);
    expect((await detailOf(shopperB, id)).json().questionCount).toBe(1);

    for (const app of [shopperA, shopperB]) expect(await feedItem(app, id, SHOP_TOP.second)).toBeDefined();
    await backoffice('PATCH', `/sellers/${sellerId}`, { sub: String(adminId), role: 'admin' }, { status: 'paused' });
    for (const app of [shopperA, shopperB]) {
      expect((await detailOf(app, id)).statusCode).toBe(404);
      expect(await feedItem(app, id, SHOP_TOP.second)).toBeUndefined();
    }
  });
});

test('the login budget is shared: 10 failures spread over both instances lock the account everywhere', async () => {
  const loginId = 'scale_out_buyer';
  await createShopperWithPassword(cluster.db, loginId);
  const login = (app: HttpApp, password: string, n: number) =>
    app.inject({ method: 'POST', url: '/auth/login', payload: { loginId, password }, remoteAddress: `10.77.0.${n + 1}` });

  for (let i = 0; i < 10; i++) expect((await login(i % 2 === 0 ? shopperA : shopperB, `wrong-${i}`, i)).statusCode).toBe(401);
  for (const [n, app] of [shopperA, shopperB].entries()) {
    const locked = await login(app, PASSWORD, 20 + n);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('RATE_LIMITED');
  }
});

test('an order placed with an Idempotency-Key on A and retried on B is the same order; both show its stock at once', async () => {
  const sellerId = await createSeller(cluster.db);
  const productId = await createProduct(cluster.db, sellerId, { price: 10000, options: [{ color: 'c', size: 's', stock: 9 }] });
  const option = await cluster.db.selectFrom('product_options').select('id').where('product_id', '=', productId).executeTakeFirstOrThrow();
  const shopperId = await createShopper(cluster.db);
  const body = {
    items: [{ optionId: option.id, quantity: 1 }],
    addressId: await createAddress(cluster.db, shopperId),
    orderer: { name: '홍길동', phone: '010-1234-5678', email: 'gildong@example.com' },
    expectedTotal: 13000,
  };
  const order = async (app: HttpApp, key: string) =>
    app.inject({
      method: 'POST',
      url: '/orders',
      headers: { ...(await bearer(app, { sub: String(shopperId), role: 'shopper' })), 'idempotency-key': key },
      payload: body,
    });
  const stock = async () =>
    (await cluster.db.selectFrom('product_options').select('stock').where('id', '=', option.id).executeTakeFirstOrThrow()).stock;

  const pageStock = async (app: HttpApp) =>
    (await app.inject({ method: 'GET', url: `/products/${productId}` })).json().options.map((o: { stock: number | null }) => o.stock);
  // Both instances hold the product page in the shared cache before the order...
  expect([await pageStock(shopperA), await pageStock(shopperB)]).toEqual([[9], [9]]);

  const placed = await order(shopperA, 'retry-on-b');
  expect(placed.statusCode).toBe(201);
  // ...and both show the stock the order took on their next request.
  expect([await pageStock(shopperA), await pageStock(shopperB)]).toEqual([[8], [8]]);
  const retried = await order(shopperB, 'retry-on-b');
  expect(retried.statusCode).toBe(201);
  expect(retried.json()).toEqual(placed.json());
  expect(await stock()).toBe(8);

  // Sent to both at once (no in-process gate spans instances): the key's unique index still makes it one order.
  const [a, b] = await Promise.all([order(shopperA, 'both-at-once'), order(shopperB, 'both-at-once')]);
  expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
  expect(b.json()).toEqual(a.json());
  expect(await stock()).toBe(7);
});

test('/health/ready reports redis ok on every instance', async () => {
  for (const app of [shopperA, shopperB, cluster.backoffice]) {
    const res = await get(app, '/health/ready');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', checks: { db: 'ok', s3: 'ok', redis: 'ok' } });
  }
});

test('with Redis down every instance still answers from MySQL and says so in /health/ready without failing it', async () => {
  const down = await startScaledOut({ shopperInstances: 2, redisFor: async () => downRedis(), shopperEnv: { CACHE_TTL_MS: '60000' } });
  try {
    const [a, b] = down.shoppers;
    const sellerId = await createSeller(down.db);
    const id = await createProduct(down.db, sellerId, { price: 30000, category: SHOP });
    const loginId = 'redis_down_buyer';
    await createShopperWithPassword(down.db, loginId);
    for (const app of [a, b]) {
      for (const url of ['/categories', `/products/${id}`, `/products?secondCategoryId=${SHOP.second}`, '/products'])
        expect((await get(app, url)).statusCode).toBe(200);
      const ready = await get(app, '/health/ready');
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toEqual({ status: 'ok', checks: { db: 'ok', s3: 'ok', redis: 'down' } });
      const login = await app.inject({ method: 'POST', url: '/auth/login', payload: { loginId, password: PASSWORD } });
      expect(login.statusCode).toBe(200);
    }
    // The back office's write succeeds though it cannot invalidate; nothing was cached, so both read it.
    const patched = await down.backoffice.inject({
      method: 'PATCH',
      url: `/products/${id}`,
      payload: { product: { price: 31000 } },
      headers: { ...(await bearer(down.backoffice, { sub: String(sellerId), role: 'seller' })), 'if-match': '1' },
    });
    expect(patched.statusCode).toBe(200);
    for (const app of [a, b]) expect((await detailOf(app, id)).json().price).toBe(31000);
    expect((await get(down.backoffice, '/health/ready')).json().checks.redis).toBe('down');
  } finally {
    await down.close();
  }
});
