import { startTestApp, type TestContext } from './harness.js';
import { createStoredProduct, jpegFiles, multipart, productJson } from './products.fixtures.js';
import { bearerFor, createAdmin, createSeller } from './sellers.fixtures.js';

type Who = 'anonymous' | 'otherSeller' | 'owner' | 'admin' | 'pausedOwner';
const WHO: Who[] = ['anonymous', 'otherSeller', 'owner', 'admin', 'pausedOwner'];

let ctx: TestContext;
let owner: number;
let pausedOwner: number;
const headers = {} as Record<Who, Record<string, string>>;

beforeAll(async () => {
  ctx = await startTestApp();
  owner = await createSeller(ctx.db, { attributeId: 1 });
  pausedOwner = await createSeller(ctx.db, { attributeId: 1, status: 'paused' });
  const other = await createSeller(ctx.db, { attributeId: 1 });
  headers.anonymous = {};
  headers.otherSeller = await bearerFor(ctx.app, other);
  headers.owner = await bearerFor(ctx.app, owner);
  headers.admin = await bearerFor(ctx.app, await createAdmin(ctx.db), 'admin');
  headers.pausedOwner = await bearerFor(ctx.app, pausedOwner);
});
afterAll(() => ctx.close());

/** The owner of the product a row acts on: the paused owner's own product for its row, else the active owner's. */
const ownerFor = (who: Who) => (who === 'pausedOwner' ? pausedOwner : owner);

interface Row {
  route: string;
  expected: Record<Who, number>;
  send(who: Who, productId: number): Promise<{ statusCode: number }>;
}

const inject = (
  who: Who,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  extra: { payload?: unknown; headers?: Record<string, string> } = {},
) => ctx.app.inject({ method, url, payload: extra.payload as string, headers: { ...headers[who], ...extra.headers } });

const READ = { anonymous: 401, otherSeller: 404, owner: 200, admin: 200, pausedOwner: 200 };

const ROWS: Row[] = [
  { route: 'GET /products/:id', expected: READ, send: (who, id) => inject(who, 'GET', `/products/${id}`) },
  {
    route: 'GET /products/:id?at=',
    expected: READ,
    send: (who, id) => inject(who, 'GET', `/products/${id}?at=${new Date().toISOString()}`),
  },
  { route: 'GET /products/:id/history', expected: READ, send: (who, id) => inject(who, 'GET', `/products/${id}/history`) },
  { route: 'GET /products/:id/history/:version', expected: READ, send: (who, id) => inject(who, 'GET', `/products/${id}/history/1`) },
  {
    route: 'PATCH /products/:id (JSON)',
    expected: { anonymous: 401, otherSeller: 404, owner: 200, admin: 200, pausedOwner: 403 },
    send: (who, id) => inject(who, 'PATCH', `/products/${id}`, { payload: { product: { name: 'changed' } }, headers: { 'if-match': '1' } }),
  },
  {
    route: 'PATCH /products/:id (multipart)',
    expected: { anonymous: 401, otherSeller: 404, owner: 200, admin: 200, pausedOwner: 403 },
    send: async (who, id) => {
      const body = await multipart({ imageOrder: [{ file: 0 }] }, jpegFiles(1));
      return inject(who, 'PATCH', `/products/${id}`, {
        payload: body.payload,
        headers: { 'content-type': body.contentType, 'if-match': '1' },
      });
    },
  },
  {
    route: 'DELETE /products/:id',
    expected: { anonymous: 401, otherSeller: 404, owner: 204, admin: 204, pausedOwner: 403 },
    send: (who, id) => inject(who, 'DELETE', `/products/${id}`),
  },
  {
    route: "POST /products (for the owner's account)",
    expected: { anonymous: 401, otherSeller: 403, owner: 201, admin: 201, pausedOwner: 403 },
    send: async (who) => {
      const body = await multipart({ product: productJson(who === 'owner' ? {} : { sellerId: ownerFor(who) }) }, jpegFiles(1));
      return inject(who, 'POST', '/products', { payload: body.payload, headers: { 'content-type': body.contentType } });
    },
  },
];

describe.each(ROWS)('$route', (row) => {
  test.each(WHO)('%s', async (who) => {
    const productId = await createStoredProduct(ctx, ownerFor(who), { imageCount: 1 });
    const before = await ctx.s3.listKeys();
    const res = await row.send(who, productId);
    expect(res.statusCode).toBe(row.expected[who]);
    if (res.statusCode >= 400) {
      expect(await ctx.s3.listKeys()).toEqual(before);
      const product = await ctx.db
        .selectFrom('products')
        .select(['version', 'deleted_at'])
        .where('id', '=', productId)
        .executeTakeFirstOrThrow();
      expect(product).toEqual({ version: 1, deleted_at: null });
    }
  });
});

test('GET /products: anonymous 401; everyone signed in sees only what scope allows', async () => {
  const mine = await createStoredProduct(ctx, owner, { imageCount: 1 });
  const paused = await createStoredProduct(ctx, pausedOwner, { imageCount: 1 });
  const listed = async (who: Who) => {
    const res = await inject(who, 'GET', '/products?limit=100');
    return { status: res.statusCode, ids: res.statusCode === 200 ? res.json().items.map((i: { id: number }) => i.id) : [] };
  };
  expect((await listed('anonymous')).status).toBe(401);
  const other = await listed('otherSeller');
  expect(other).toEqual({ status: 200, ids: [] });
  expect((await listed('owner')).ids).toContain(mine);
  expect((await listed('owner')).ids).not.toContain(paused);
  expect((await listed('pausedOwner')).ids).toContain(paused);
  expect((await listed('pausedOwner')).ids).not.toContain(mine);
  expect((await listed('admin')).ids).toEqual(expect.arrayContaining([mine, paused]));
});

test('an unknown product id is 404 for everyone signed in', async () => {
  for (const who of ['otherSeller', 'owner', 'admin', 'pausedOwner'] as const) {
    expect((await inject(who, 'GET', '/products/999999')).statusCode).toBe(404);
    expect((await inject(who, 'GET', '/products/999999/history')).statusCode).toBe(404);
  }
});

test('GET /auth/me: anonymous 401, every signed-in caller 200 with its own profile', async () => {
  expect((await inject('anonymous', 'GET', '/auth/me')).statusCode).toBe(401);
  for (const who of ['otherSeller', 'owner', 'admin', 'pausedOwner'] as const) {
    expect((await inject(who, 'GET', '/auth/me')).statusCode).toBe(200);
  }
  expect((await inject('pausedOwner', 'GET', '/auth/me')).json()).toMatchObject({ id: pausedOwner, status: 'paused' });
});

test('the OpenAPI document lists every product route with its multipart form and error responses', async () => {
  const doc = (await ctx.app.inject({ method: 'GET', url: '/docs/json' })).json();
  const post = doc.paths['/products'].post;
  expect(post.requestBody.content['multipart/form-data'].schema.properties.images.items).toMatchObject({
    type: 'string',
    format: 'binary',
  });
  expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '403', '413', '415']));
  const patch = doc.paths['/products/{id}'].patch;
  expect(Object.keys(patch.requestBody.content).sort()).toEqual(['application/json', 'multipart/form-data']);
  expect(Object.keys(patch.responses)).toEqual(expect.arrayContaining(['200', '409', '428']));
  // A generated client must send If-Match and type the JSON parts as objects, not strings.
  expect(patch.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ in: 'header', name: 'if-match', required: true })]));
  const form = patch.requestBody.content['multipart/form-data'];
  expect(form.schema.properties.product.$ref).toBe('#/components/schemas/ProductPatch');
  expect(form.schema.properties.imageOrder.$ref).toBe('#/components/schemas/ImageOrder');
  expect(form.encoding).toEqual({ product: { contentType: 'application/json' }, imageOrder: { contentType: 'application/json' } });
  expect(post.requestBody.content['multipart/form-data'].schema.properties.product.$ref).toBe('#/components/schemas/NewProduct');
  expect(doc.components.schemas.NewProduct.properties.options.type).toBe('array');
  for (const path of [
    '/products',
    '/products/{id}',
    '/products/{id}/history',
    '/products/{id}/history/{version}',
    '/auth/signup',
    '/auth/login',
    '/auth/me',
  ]) {
    expect(doc.paths[path]).toBeDefined();
  }
});
