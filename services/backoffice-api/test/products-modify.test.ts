import { failingPuts, readLedger } from '@brandi/storage/testing';
import { buildApp } from '../src/app.js';
import { startTestApp, type TestContext } from './harness.js';
import { failOnInsertInto } from './products.faults.js';
import { createStoredProduct, jpegFiles, multipart, productTableCounts, referencedKeys, SHOP } from './products.fixtures.js';
import { bearerFor, createAdmin, createSeller } from './sellers.fixtures.js';

let ctx: TestContext;
let seller: number;
let auth: Record<string, string>;
beforeAll(async () => {
  ctx = await startTestApp();
  seller = await createSeller(ctx.db, { attributeId: 1 });
  auth = await bearerFor(ctx.app, seller);
});
afterAll(() => ctx.close());

const get = async (id: number, query = '') =>
  (await ctx.app.inject({ method: 'GET', url: `/products/${id}${query}`, headers: auth })).json();
const patchJson = (id: number, payload: object | undefined, ifMatch?: string | number, app = ctx.app) =>
  app.inject({
    method: 'PATCH',
    url: `/products/${id}`,
    payload,
    headers: { ...auth, ...(ifMatch === undefined ? {} : { 'if-match': String(ifMatch) }) },
  });
async function patchForm(id: number, fields: Record<string, unknown>, files: ReturnType<typeof jpegFiles>, ifMatch: number, app = ctx.app) {
  const body = await multipart(fields, files);
  return app.inject({
    method: 'PATCH',
    url: `/products/${id}`,
    payload: body.payload,
    headers: { ...auth, 'content-type': body.contentType, 'if-match': String(ifMatch) },
  });
}
const bucketMatchesRows = async () => expect((await ctx.s3.listKeys()).sort()).toEqual(await referencedKeys(ctx.db));

test('a JSON PATCH changes fields and options, bumps the version and records the changes', async () => {
  const id = await createStoredProduct(ctx, seller, {
    options: [
      { color: 'black', size: 'M', stock: 5 },
      { color: 'red', size: 'S', stock: 1 },
    ],
  });
  const before = await get(id);
  const [black] = before.options;
  const res = await patchJson(
    id,
    {
      product: {
        name: '새 이름',
        price: 15000,
        discountRate: 20,
        secondCategoryId: SHOP.otherSecond,
        options: [
          { id: black.id, color: 'black', size: 'L', stock: 7 },
          { color: 'blue', size: 'M', stock: null },
        ],
      },
    },
    before.version,
  );
  expect(res.statusCode).toBe(200);
  const after = res.json();
  expect(after).toMatchObject({
    name: '새 이름',
    price: 15000,
    discountRate: 20,
    discountedPrice: 12000,
    isDiscounted: true,
    version: 2,
    secondCategoryId: SHOP.otherSecond,
  });
  expect(after.options).toEqual([
    { id: black.id, color: 'black', size: 'L', stock: 7 },
    { id: expect.any(Number), color: 'blue', size: 'M', stock: null },
  ]);
  expect(after.images).toEqual(before.images);
  const row = await ctx.db
    .selectFrom('products')
    .select(['effective_price', 'effective_discount_rate', 'version'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  expect(row).toEqual({ effective_price: 12000, effective_discount_rate: 20, version: 2 });

  const history = (await ctx.app.inject({ method: 'GET', url: `/products/${id}/history`, headers: auth })).json();
  expect(history.map((h: { version: number }) => h.version)).toEqual([2, 1]);
  expect(history[0]).toMatchObject({ action: 'update', changedBy: { id: seller, role: 'seller' }, validTo: null });
  expect(history[1].validTo).toBe(history[0].validFrom);
  expect(history[0].changes.map((c: { field: string }) => c.field).sort()).toEqual([
    'discountRate',
    'name',
    'options',
    'price',
    'secondCategoryId',
  ]);
  expect(history[0].changes).toContainEqual({ field: 'name', before: '기본 상품', after: '새 이름' });
  expect(history[1].changes.every((c: { before: unknown }) => c.before === null)).toBe(true);
});

test('detail, history snapshot and ?at= give the rate as entered, plus discountedPrice and isDiscounted for now', async () => {
  const ended = { discountRate: 20, discountStartsAt: null, discountEndsAt: new Date('2026-01-01T00:00:00Z') };
  const id = await createStoredProduct(ctx, seller, { price: 30000, ...ended });
  for (const query of ['', '/history/1', `?at=${new Date().toISOString()}`]) {
    expect({ query, ...(await get(id, query)) }).toMatchObject({ query, discountRate: 20, discountedPrice: 30000, isDiscounted: false });
  }
  const res = await patchJson(id, { product: { discountEndsAt: null } }, 1);
  expect(res.json()).toMatchObject({ discountRate: 20, discountedPrice: 24000, isDiscounted: true });
  expect(await get(id, '/history/1')).toMatchObject({
    discountEndsAt: '2026-01-01T00:00:00.000Z',
    discountedPrice: 30000,
    isDiscounted: false,
  });
});

test('If-Match: missing is 428, stale is 409, malformed is 400; nothing changes', async () => {
  const id = await createStoredProduct(ctx, seller);
  const counts = await productTableCounts(ctx.db);
  expect((await patchJson(id, { product: { name: 'x1' } })).statusCode).toBe(428);
  const stale = await patchJson(id, { product: { name: 'x2' } }, 7);
  expect(stale.statusCode).toBe(409);
  expect(stale.json().error.code).toBe('CONFLICT');
  expect((await patchJson(id, { product: { name: 'x3' } }, 'abc')).statusCode).toBe(400);
  expect((await patchJson(id, { product: { name: 'x4' } }, '"1"')).statusCode).toBe(200);
  expect(await productTableCounts(ctx.db)).toEqual({ ...counts, revisions: counts.revisions + 1 });
  expect((await get(id)).name).toBe('x4');
});

test('imageOrder reorders, drops and adds images; dropped objects are deleted after the commit', async () => {
  const id = await createStoredProduct(ctx, seller, { imageCount: 3 });
  const before = await get(id);
  const [a, b, c] = before.images;
  const res = await patchForm(id, { imageOrder: [{ file: 1 }, { id: c.id }, { file: 0 }, { id: a.id }] }, jpegFiles(2), before.version);
  expect(res.statusCode).toBe(200);
  const after = res.json();
  expect(after.images.map((i: { position: number }) => i.position)).toEqual([0, 1, 2, 3]);
  expect(after.images[1]).toEqual({ ...c, position: 1 });
  expect(after.images[3]).toEqual({ ...a, position: 3 });
  const keyOf = (url: string) => url.split('/brandi-test/')[1];
  const keys = await ctx.s3.listKeys();
  expect(keys).not.toContain(keyOf(b.url));
  for (const image of after.images) expect(keys).toContain(keyOf(image.url));
  const main = await ctx.db.selectFrom('products').select('main_image_key').where('id', '=', id).executeTakeFirstOrThrow();
  expect(main.main_image_key).toBe(keyOf(after.images[0].url));
  const ledger = await readLedger(ctx.db);
  expect(ledger.find((row) => row.key === keyOf(b.url))?.state).toBe('deleted');
  await bucketMatchesRows();

  const jsonOnly = await patchJson(id, { imageOrder: [{ id: after.images[2].id }] }, after.version);
  expect(jsonOnly.statusCode).toBe(200);
  expect(jsonOnly.json().images).toHaveLength(1);
  await bucketMatchesRows();
});

test('imageOrder mistakes are 400 and change nothing', async () => {
  const id = await createStoredProduct(ctx, seller, { imageCount: 2 });
  const other = await createStoredProduct(ctx, seller, { imageCount: 1 });
  const { images, version } = await get(id);
  const foreign = (await get(other)).images[0].id;
  const keys = await ctx.s3.listKeys();
  const cases: [Record<string, unknown>, number][] = [
    [{ imageOrder: [{ id: foreign }] }, 0],
    [{ imageOrder: [{ id: images[0].id }, { id: images[0].id }] }, 0],
    [{ imageOrder: [] }, 0],
    [{ imageOrder: [{ file: 0 }, { file: 1 }, { file: 2 }, { file: 3 }, { file: 4 }, { id: images[0].id }] }, 5],
    [{ imageOrder: [{ file: 1 }] }, 1],
    [{ imageOrder: [{ id: images[0].id }] }, 1],
    [{}, 1],
    [{ imageOrder: [{ key: 'products/1/x.jpg' }] }, 0],
  ];
  for (const [fields, fileCount] of cases) {
    const res = await patchForm(id, fields, jpegFiles(fileCount), version);
    expect({ fields, status: res.statusCode }).toEqual({ fields, status: 400 });
  }
  expect(await ctx.s3.listKeys()).toEqual(keys);
  expect((await get(id)).version).toBe(version);
});

test('an option id of another product is 400', async () => {
  const id = await createStoredProduct(ctx, seller);
  const other = await createStoredProduct(ctx, seller);
  const foreign = (await get(other)).options[0].id;
  const res = await patchJson(id, { product: { options: [{ id: foreign, color: 'a', size: 'b', stock: 1 }] } }, 1);
  expect(res.statusCode).toBe(400);
  expect(res.json().error.details).toEqual([expect.objectContaining({ field: 'product.options.0.id' })]);
});

describe('faults on modify leave the old images intact and the bucket equal to the committed images', () => {
  test('an S3 put failing mid-way', async () => {
    const id = await createStoredProduct(ctx, seller, { imageCount: 2 });
    const before = await get(id);
    const fault = failingPuts(ctx.s3.store, { failOnCall: 2 });
    try {
      const res = await patchForm(id, { imageOrder: [{ file: 0 }, { file: 1 }, { file: 2 }] }, jpegFiles(3), before.version);
      expect(res.statusCode).toBe(503);
    } finally {
      fault.restore();
    }
    expect(await get(id)).toEqual(before);
    await bucketMatchesRows();
  });

  test('the database failing after the uploads', async () => {
    const id = await createStoredProduct(ctx, seller, { imageCount: 2 });
    const before = await get(id);
    const broken = await buildApp({
      config: ctx.config,
      db: ctx.db.withPlugin(failOnInsertInto('product_revisions')),
      store: ctx.s3.store,
    });
    try {
      const res = await patchForm(id, { imageOrder: [{ file: 0 }] }, jpegFiles(1), before.version, broken);
      expect(res.statusCode).toBe(500);
    } finally {
      await broken.close();
    }
    expect(await get(id)).toEqual(before);
    await bucketMatchesRows();
    expect((await readLedger(ctx.db)).filter((row) => row.state === 'pending' || row.state === 'doomed')).toEqual([]);
  });
});

test('concurrent PATCHes with one version: exactly one 200, the rest 409, history contiguous and equal to ?at=', async () => {
  const id = await createStoredProduct(ctx, seller, { imageCount: 1 });
  for (let round = 0; round < 3; round++) {
    const { version, images } = await get(id);
    const attempts = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        i % 2 === 0
          ? patchJson(id, { product: { name: `round ${round} writer ${i}`, price: 1000 * (i + 1) } }, version)
          : patchForm(
              id,
              { product: { name: `round ${round} writer ${i}` }, imageOrder: [{ file: 0 }, { id: images[0].id }] },
              jpegFiles(1),
              version,
            ),
      ),
    );
    const statuses = attempts.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409]);
    await bucketMatchesRows();
  }
  const history = (await ctx.app.inject({ method: 'GET', url: `/products/${id}/history`, headers: auth })).json();
  expect(history.map((h: { version: number }) => h.version)).toEqual([4, 3, 2, 1]);
  for (const entry of history) {
    const snapshot = (await ctx.app.inject({ method: 'GET', url: `/products/${id}/history/${entry.version}`, headers: auth })).json();
    expect(snapshot.version).toBe(entry.version);
    expect(await get(id, `?at=${entry.validFrom}`)).toEqual(snapshot);
  }
  const latest = (await ctx.app.inject({ method: 'GET', url: `/products/${id}/history/4`, headers: auth })).json();
  const { updatedAt: _a, ...live } = await get(id);
  const { updatedAt: _b, ...fromHistory } = latest;
  expect(fromHistory).toEqual(live);
});

test('DELETE soft-deletes: hidden from GET and the list, kept in history with action delete', async () => {
  const id = await createStoredProduct(ctx, seller);
  const created = await get(id);
  expect((await ctx.app.inject({ method: 'DELETE', url: `/products/${id}`, headers: { ...auth, 'if-match': '9' } })).statusCode).toBe(409);
  const res = await ctx.app.inject({ method: 'DELETE', url: `/products/${id}`, headers: auth });
  expect(res.statusCode).toBe(204);
  expect((await ctx.app.inject({ method: 'GET', url: `/products/${id}`, headers: auth })).statusCode).toBe(404);
  const list = (await ctx.app.inject({ method: 'GET', url: `/products?searchField=id&q=${id}`, headers: auth })).json();
  expect(list.total).toBe(0);
  const history = (await ctx.app.inject({ method: 'GET', url: `/products/${id}/history`, headers: auth })).json();
  expect(history[0]).toMatchObject({ version: 2, action: 'delete', changes: [{ field: 'isDeleted', before: false, after: true }] });
  expect(await get(id, `?at=${history[1].validFrom}`)).toEqual({ ...created });
  expect((await ctx.app.inject({ method: 'DELETE', url: `/products/${id}`, headers: auth })).statusCode).toBe(404);
  expect((await patchJson(id, { product: { name: 'z' } }, 2)).statusCode).toBe(404);
});

test('an admin may modify any product; the revision names the admin', async () => {
  const admin = await createAdmin(ctx.db);
  const id = await createStoredProduct(ctx, seller);
  const res = await ctx.app.inject({
    method: 'PATCH',
    url: `/products/${id}`,
    payload: { product: { isDisplayed: false } },
    headers: { ...(await bearerFor(ctx.app, admin, 'admin')), 'if-match': '1' },
  });
  expect(res.statusCode).toBe(200);
  const history = (await ctx.app.inject({ method: 'GET', url: `/products/${id}/history`, headers: auth })).json();
  expect(history[0].changedBy).toMatchObject({ id: admin, role: 'admin' });
});
