import { createBackofficeClient, createShopperClient, multipartBody, type BackofficeSchemas } from '@brandi/api-client';
import { createProduct, createSeller, createSellerWithPassword } from '@brandi/db/testing';
import type { HttpApp } from '@brandi/http';
import { generateJpeg } from '@brandi/demo';
import { startBothServices, type BothServices } from './harness.js';

// Frontends' flows through @brandi/api-client (the generated, typed clients) against both services really
// listening on ports of their own, on one MariaDB database and s3rver bucket.

const PASSWORD = 'Flow-client-2026!';
const SELLER_LOGIN = 'flow_seller';

let both: BothServices;
let shopperUrl: string;
let backofficeUrl: string;

const listen = (app: HttpApp) => app.listen({ port: 0, host: '127.0.0.1' });

beforeAll(async () => {
  both = await startBothServices();
  shopperUrl = await listen(both.shopper);
  backofficeUrl = await listen(both.backoffice);
});
afterAll(() => both.close());

/** A call's data once it answered `status`; otherwise fails with what the service said. */
async function ok<D>(call: Promise<{ data?: D; error?: unknown; response: Response }>, status = 200): Promise<D> {
  const { data, error, response } = await call;
  if (response.status !== status || data === undefined)
    throw new Error(`expected ${status}, got ${response.status} ${response.url}: ${JSON.stringify(error)}`);
  return data;
}

const jpeg = (r: number, name: string) => new File([generateJpeg(640, 720, { r, g: 40, b: 40 })], name, { type: 'image/jpeg' });

async function loggedInBackoffice(loginId: string) {
  const anonymous = createBackofficeClient({ baseUrl: backofficeUrl });
  const { accessToken } = await ok(anonymous.POST('/auth/login', { body: { loginId, password: PASSWORD } }));
  return createBackofficeClient({ baseUrl: backofficeUrl, token: accessToken });
}

test('a seller signs up, is activated, registers a product with images, edits it under If-Match and reads its history', async () => {
  const anonymous = createBackofficeClient({ baseUrl: backofficeUrl });
  const { id: sellerId } = await ok(
    anonymous.POST('/auth/signup', {
      body: {
        loginId: SELLER_LOGIN,
        password: PASSWORD,
        nameKo: '플로우셀러',
        nameEn: 'Flow Seller',
        attributeId: 1,
        csPhone: '02-555-0100',
        siteUrl: 'https://flow.example.com',
        managerPhone: '010-5555-0100',
      },
    }),
    201,
  );

  // A pending seller logs in but may not write products until an admin activates it.
  let seller = await loggedInBackoffice(SELLER_LOGIN);
  expect(await ok(seller.GET('/auth/me'))).toMatchObject({ id: sellerId, status: 'pending' });
  const product: BackofficeSchemas['NewProduct'] = {
    name: '플로우 린넨 셔츠',
    firstCategoryId: 1,
    secondCategoryId: 1,
    detailHtml: '<p>린넨 100%</p>',
    price: 39000,
    options: [
      { color: 'white', size: 'M', stock: 7 },
      { color: 'black', size: 'L', stock: null },
    ],
  };
  const refused = await seller.POST('/products', {
    body: { product, images: [jpeg(200, 'front.jpg')] },
    bodySerializer: multipartBody,
  });
  expect(refused.response.status).toBe(403);
  expect(refused.error?.error.code).toBe('FORBIDDEN');

  await createSellerWithPassword(both.db, PASSWORD, { role: 'admin', attributeId: null, loginId: 'flow_admin' });
  const admin = await loggedInBackoffice('flow_admin');
  await ok(admin.PATCH('/sellers/{id}', { params: { path: { id: sellerId } }, body: { status: 'active' } }));
  seller = await loggedInBackoffice(SELLER_LOGIN);

  // The category picker: the first categories of the seller's group, each with its second categories.
  const categories = await ok(seller.GET('/categories'));
  expect(categories.map((c) => c.id)).toContain(product.firstCategoryId);

  const created = await ok(
    seller.POST('/products', {
      body: {
        product,
        images: [jpeg(200, 'front.jpg'), new Blob([generateJpeg(640, 720, { r: 10, g: 90, b: 10 })])],
      },
      bodySerializer: multipartBody,
    }),
    201,
  );
  expect(created).toMatchObject({ name: product.name, price: 39000, version: 1, options: [{ color: 'white', size: 'M', stock: 7 }, {}] });
  expect(created.images.map((image) => image.position)).toEqual([0, 1]);
  const bytes = await fetch(created.images[0].url);
  expect(bytes.status).toBe(200);
  expect(new Uint8Array(await bytes.arrayBuffer()).subarray(0, 2)).toEqual(new Uint8Array([0xff, 0xd8]));

  const list = await ok(seller.GET('/products', { params: { query: { searchField: 'name', q: '린넨' } } }));
  expect(list.total).toBe(1);
  expect(list.items[0]).toMatchObject({ id: created.id, code: created.code, seller: { id: sellerId, nameKo: '플로우셀러' } });

  // An edit names the version it started from; the second image moves first and a new one is added.
  const [front, back] = created.images;
  const edited = await ok(
    seller.PATCH('/products/{id}', {
      params: { path: { id: created.id }, header: { 'if-match': String(created.version) } },
      body: {
        product: { price: 35000 },
        imageOrder: [{ id: back.id }, { file: 0 }, { id: front.id }],
        images: [jpeg(90, 'detail.jpg')],
      },
      bodySerializer: multipartBody,
    }),
  );
  expect(edited).toMatchObject({ price: 35000, version: 2 });
  expect(edited.images.map((image) => image.id)).toEqual([back.id, expect.any(Number), front.id]);

  // The same stale version again (a JSON body this time: no files) is refused, and nothing changes.
  const stale = await seller.PATCH('/products/{id}', {
    params: { path: { id: created.id }, header: { 'if-match': String(created.version) } },
    body: { product: { price: 10 } },
  });
  expect(stale.response.status).toBe(409);
  expect(stale.error?.error.code).toBe('CONFLICT');
  // If-Match is required by the types and by the service alike.
  // @ts-expect-error the header parameters are required
  const unversioned = await seller.PATCH('/products/{id}', { params: { path: { id: created.id } }, body: { product: { price: 10 } } });
  expect(unversioned.response.status).toBe(428);
  expect(unversioned.error?.error.code).toBe('PRECONDITION_REQUIRED');

  const history = await ok(seller.GET('/products/{id}/history', { params: { path: { id: created.id } } }));
  expect(history.map((entry) => [entry.version, entry.action])).toEqual([
    [2, 'update'],
    [1, 'create'],
  ]);
  expect(history[0].changes).toEqual(expect.arrayContaining([{ field: 'price', before: 39000, after: 35000 }]));
  expect(history[0].changedBy).toMatchObject({ id: sellerId, role: 'seller' });

  // Shoppers see the edit at once (no read cache here).
  const shopper = createShopperClient({ baseUrl: shopperUrl });
  const detail = await ok(shopper.GET('/products/{id}', { params: { path: { id: created.id } } }));
  expect(detail).toMatchObject({ name: product.name, price: 35000, seller: { id: sellerId, name: '플로우셀러' } });
  expect(detail.images).toHaveLength(3);
});

test('a shopper signs up, logs in, browses the feed, reads a product and asks about it', async () => {
  const sellerId = await createSeller(both.db, { nameKo: '피드셀러' });
  const productIds = [
    await createProduct(both.db, sellerId, { name: '피드 울 코트', price: 120000 }),
    await createProduct(both.db, sellerId, { name: '피드 울 머플러', price: 30000 }),
    await createProduct(both.db, sellerId, { name: '피드 숨김 니트', isDisplayed: false }),
  ];
  let token: string | undefined;
  const shopper = createShopperClient({ baseUrl: shopperUrl, token: () => token });

  const account = { loginId: 'flow_shopper', password: PASSWORD, name: '김쇼퍼' };
  const { id: shopperId } = await ok(shopper.POST('/auth/signup', { body: account }), 201);
  expect(shopperId).toBeGreaterThan(0);
  const anonymous = await shopper.GET('/me/questions');
  expect(anonymous.response.status).toBe(401);
  expect(anonymous.error?.error.code).toBe('UNAUTHENTICATED');
  ({ accessToken: token } = await ok(shopper.POST('/auth/login', { body: { loginId: account.loginId, password: account.password } })));

  const feed = await ok(shopper.GET('/products', { params: { query: { sellerId, sort: 'price_asc', limit: 1 } } }));
  expect(feed.items.map((item) => [item.id, item.price, item.seller.name])).toEqual([[productIds[1], 30000, '피드셀러']]);
  expect(feed.nextCursor).toEqual(expect.any(String));
  const next = await ok(
    shopper.GET('/products', { params: { query: { sellerId, sort: 'price_asc', limit: 1, cursor: feed.nextCursor! } } }),
  );
  expect(next.items.map((item) => item.id)).toEqual([productIds[0]]);
  // The hidden product is in no page.
  expect(next.nextCursor).toBeNull();

  const coat = await ok(shopper.GET('/products/{id}', { params: { path: { id: productIds[0] } } }));
  expect(coat).toMatchObject({ id: productIds[0], name: '피드 울 코트', price: 120000, seller: { id: sellerId, name: '피드셀러' } });
  const hidden = await shopper.GET('/products/{id}', { params: { path: { id: productIds[2] } } });
  expect(hidden.response.status).toBe(404);

  const { id: questionId } = await ok(
    shopper.POST('/products/{id}/questions', {
      params: { path: { id: coat.id } },
      body: { typeId: 1, content: '기장이 어떻게 되나요?', isPrivate: false },
    }),
    201,
  );
  const mine = await ok(shopper.GET('/me/questions'));
  expect(mine.items.map((item) => [item.id, item.isMine, item.product.id])).toEqual([[questionId, true, coat.id]]);
});
