import { thumbnailKeyOf } from '@brandi/images';
import { failingPuts, readLedger } from '@brandi/storage/testing';
import sharp from 'sharp';
import { buildApp } from '../src/app.js';
import { startTestApp, type TestContext } from './harness.js';
import { failOnInsertInto } from './products.faults.js';
import {
  BRAND,
  jpegFiles,
  multipart,
  pngBytes,
  productJson,
  productTableCounts,
  referencedKeys,
  SHOP,
  smallJpeg,
  validJpeg,
} from './products.fixtures.js';
import { bearerFor, createAdmin, createSeller } from './sellers.fixtures.js';

let ctx: TestContext;
let seller: number;
beforeAll(async () => {
  ctx = await startTestApp();
  seller = await createSeller(ctx.db, { attributeId: 1 });
});
afterAll(() => ctx.close());

async function post(fields: Record<string, unknown>, files = jpegFiles(2), as = seller, role: 'seller' | 'admin' = 'seller') {
  const body = await multipart(fields, files);
  return ctx.app.inject({
    method: 'POST',
    url: '/products',
    payload: body.payload,
    headers: { ...(await bearerFor(ctx.app, as, role)), 'content-type': body.contentType },
  });
}

test('registers a product with images, options and version 1, answering it as GET does', async () => {
  const res = await post({
    product: productJson({ detailHtml: '<p onclick="x()">hi<script>alert(1)</script><a href="javascript:alert(1)">l</a></p>' }),
  });
  expect(res.statusCode).toBe(201);
  const body = res.json();
  expect(body).toMatchObject({
    name: '데일리 셔츠',
    seller: { id: seller },
    firstCategoryId: SHOP.first,
    secondCategoryId: SHOP.second,
    category: { main: { id: SHOP.main }, first: { id: SHOP.first }, second: { id: SHOP.second } },
    price: 29000,
    version: 1,
    isDeleted: false,
  });
  expect(body.detailHtml).toBe('<p>hi<a>l</a></p>');
  expect(body.code).toMatch(/^P[0-9A-Z]{11}$/);
  expect(body.images).toHaveLength(2);
  expect(body.images[0].url).toContain(`/products/${seller}/`);
  expect(body.options).toEqual([
    { id: expect.any(Number), color: 'black', size: 'M', stock: 10 },
    { id: expect.any(Number), color: 'white', size: 'L', stock: null },
  ]);
  const got = await ctx.app.inject({ method: 'GET', url: `/products/${body.id}`, headers: await bearerFor(ctx.app, seller) });
  expect(got.json()).toEqual(body);
  const imageKeys: string[] = body.images.map((i: { url: string }) => i.url.split('/brandi-test/')[1]);
  expect((await ctx.s3.listKeys()).sort()).toEqual(expect.arrayContaining(imageKeys));
  // Each upload is stored re-encoded at its size with its list thumbnail beside it, both live in the ledger.
  const ledger = await readLedger(ctx.db);
  for (const key of imageKeys) {
    expect(await sharp(await ctx.s3.store.get(key)).metadata()).toMatchObject({ format: 'jpeg', width: 640, height: 720 });
    expect(await sharp(await ctx.s3.store.get(thumbnailKeyOf(key))).metadata()).toMatchObject({ format: 'webp', width: 360, height: 405 });
    expect(ledger).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key, state: 'live' }),
        expect.objectContaining({ key: thumbnailKeyOf(key), state: 'live' }),
      ]),
    );
  }
});

describe('rejected uploads store nothing', () => {
  async function expectNothingStored(send: () => Promise<{ statusCode: number; json(): { error: { code: string } } }>, status: number) {
    const keysBefore = await ctx.s3.listKeys();
    const countsBefore = await productTableCounts(ctx.db);
    const ledgerBefore = await readLedger(ctx.db);
    const res = await send();
    expect(res.statusCode).toBe(status);
    expect(res.json().error.code).toBe(CODE_BY_STATUS[status]);
    expect(await ctx.s3.listKeys()).toEqual(keysBefore);
    expect(await productTableCounts(ctx.db)).toEqual(countsBefore);
    expect(await readLedger(ctx.db)).toEqual(ledgerBefore);
  }
  const CODE_BY_STATUS: Record<number, string> = {
    400: 'VALIDATION_FAILED',
    403: 'FORBIDDEN',
    413: 'PAYLOAD_TOO_LARGE',
    415: 'UNSUPPORTED_MEDIA_TYPE',
  };
  const product = productJson();

  test('a .png renamed to .jpg is 415', () => expectNothingStored(() => post({ product }, [{ name: 'fake.jpg', body: pngBytes() }]), 415));
  test('a file without a .jpg/.jpeg extension is 415', () =>
    expectNothingStored(() => post({ product }, [{ name: 'photo', body: validJpeg() }]), 415));
  test('a .gif name on JPEG bytes is 415', () =>
    expectNothingStored(() => post({ product }, [{ name: 'photo.gif', body: validJpeg() }]), 415));
  test('JPEG magic bytes without a readable header are 415', () =>
    expectNothingStored(
      () =>
        post({ product }, [{ name: 'broken.jpg', body: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00]), Buffer.alloc(100)]) }]),
      415,
    ));
  test('no image at all is 400', () => expectNothingStored(() => post({ product }, []), 400));
  test('six images are 400', () => expectNothingStored(() => post({ product }, jpegFiles(6)), 400));
  test('seven images are 400 too', () => expectNothingStored(() => post({ product }, jpegFiles(7)), 400));
  test('a 300×300 JPEG is 400', () =>
    expectNothingStored(() => post({ product }, [...jpegFiles(1), { name: 'small.jpg', body: smallJpeg() }]), 400));
  test('an 11 MB file is 413, cut off while streaming', () =>
    expectNothingStored(
      () =>
        post({ product }, [...jpegFiles(1), { name: 'huge.jpg', body: Buffer.concat([validJpeg(), Buffer.alloc(11 * 1024 * 1024, 1)]) }]),
      413,
    ));
  test('a client-supplied key or url inside the product is rejected', async () => {
    await expectNothingStored(() => post({ product: { ...product, mainImageKey: 'products/1/mine.jpg' } }), 400);
    await expectNothingStored(
      () => post({ product: { ...product, images: [{ key: 'products/1/x.jpg', url: 'http://evil/x.jpg' }] } }),
      400,
    );
    await expectNothingStored(() => post({ product, imageUrl: 'http://evil/x.jpg' }), 400);
  });
  test('a file under another field name is rejected', async () => {
    const body = await multipart({ product }, jpegFiles(1), 'key');
    await expectNothingStored(
      async () =>
        ctx.app.inject({
          method: 'POST',
          url: '/products',
          payload: body.payload,
          headers: { ...(await bearerFor(ctx.app, seller)), 'content-type': body.contentType },
        }),
      400,
    );
  });
  test('a JSON body instead of multipart is 415', async () => {
    await expectNothingStored(
      async () => ctx.app.inject({ method: 'POST', url: '/products', payload: { product }, headers: await bearerFor(ctx.app, seller) }),
      415,
    );
  });
  test('product rule violations are 400 naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ price: 12345 }, 'product.price'],
      [{ price: 0 }, 'product.price'],
      [{ price: 100_000_010 }, 'product.price'],
      [{ name: '' }, 'product.name'],
      [{ discountRate: 100 }, 'product.discountRate'],
      [{ discountStartsAt: '2026-12-10T00:00:00.000Z', discountEndsAt: '2026-12-01T00:00:00.000Z' }, 'product.discountEndsAt'],
      [{ minOrderQty: 5, maxOrderQty: 2 }, 'product.maxOrderQty'],
      [{ maxOrderQty: 21 }, 'product.maxOrderQty'],
      [{ options: [] }, 'product.options'],
      [
        {
          options: [
            { color: 'black', size: 'M', stock: 1 },
            { color: 'Black', size: 'm ', stock: 2 },
          ],
        },
        'product.options.1',
      ],
      [{ secondCategoryId: 62 }, 'product.secondCategoryId'],
      [{ firstCategoryId: BRAND.first, secondCategoryId: BRAND.second }, 'product.firstCategoryId'],
      [{ simpleDescription: 'x'.repeat(101) }, 'product.simpleDescription'],
    ];
    for (const [overrides, field] of cases) {
      const res = await post({ product: productJson(overrides) });
      expect({ overrides, status: res.statusCode }).toEqual({ overrides, status: 400 });
      expect(res.json().error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    }
    const notJson = await post({ product: '{not json' });
    expect(notJson.json().error.details).toEqual([{ field: 'product', message: 'must be valid JSON' }]);
    const missing = await post({});
    expect(missing.json().error.details).toEqual([{ field: 'product', message: 'is required' }]);
  });
});

test('.JPG and .jpeg names in any case are accepted', async () => {
  const res = await post({ product: productJson() }, [
    { name: 'UPPER.JPG', body: validJpeg() },
    { name: 'mixed.JpEg', body: validJpeg() },
  ]);
  expect(res.statusCode).toBe(201);
  expect(res.json().images).toHaveLength(2);
});

test('an admin registers for a named seller; without sellerId it is 400; a seller cannot name another', async () => {
  const admin = await createAdmin(ctx.db);
  const forSeller = await post({ product: productJson({ sellerId: seller }) }, jpegFiles(1), admin, 'admin');
  expect(forSeller.statusCode).toBe(201);
  expect(forSeller.json().seller.id).toBe(seller);
  const revision = await ctx.db
    .selectFrom('product_revisions')
    .select('changed_by')
    .where('product_id', '=', forSeller.json().id)
    .executeTakeFirstOrThrow();
  expect(revision.changed_by).toBe(admin);
  expect((await post({ product: productJson() }, jpegFiles(1), admin, 'admin')).statusCode).toBe(400);
  const other = await createSeller(ctx.db, { attributeId: 1 });
  expect((await post({ product: productJson({ sellerId: other }) }, jpegFiles(1))).statusCode).toBe(403);
});

describe('faults on register leave the bucket equal to the committed images', () => {
  test('an S3 put failing mid-way: no product, uploaded objects removed', async () => {
    const countsBefore = await productTableCounts(ctx.db);
    const fault = failingPuts(ctx.s3.store, { failOnCall: 2 });
    try {
      const res = await post({ product: productJson() }, jpegFiles(3));
      expect(res.statusCode).toBe(503);
    } finally {
      fault.restore();
    }
    expect(await productTableCounts(ctx.db)).toEqual(countsBefore);
    expect((await ctx.s3.listKeys()).sort()).toEqual(await referencedKeys(ctx.db));
  });

  test('the database failing after the uploads: no product, uploaded objects removed', async () => {
    const countsBefore = await productTableCounts(ctx.db);
    const broken = await buildApp({
      config: ctx.config,
      db: ctx.db.withPlugin(failOnInsertInto('product_revisions')),
      store: ctx.s3.store,
    });
    try {
      const body = await multipart({ product: productJson() }, jpegFiles(2));
      const res = await broken.inject({
        method: 'POST',
        url: '/products',
        payload: body.payload,
        headers: { ...(await bearerFor(broken, seller)), 'content-type': body.contentType },
      });
      expect(res.statusCode).toBe(500);
      expect(JSON.stringify(res.json())).not.toMatch(/injected/i);
    } finally {
      await broken.close();
    }
    expect(await productTableCounts(ctx.db)).toEqual(countsBefore);
    expect((await ctx.s3.listKeys()).sort()).toEqual(await referencedKeys(ctx.db));
    expect((await readLedger(ctx.db)).filter((row) => row.state === 'pending')).toEqual([]);
  });
});

test('concurrent registrations all commit, each with its own version 1', async () => {
  const results = await Promise.all(
    Array.from({ length: 8 }, (_, i) => post({ product: productJson({ name: `동시 등록 ${i}` }) }, jpegFiles(1))),
  );
  expect(results.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
  const ids = results.map((r) => r.json().id);
  const revisions = await ctx.db.selectFrom('product_revisions').select(['product_id', 'version']).where('product_id', 'in', ids).execute();
  expect(revisions).toHaveLength(8);
  expect(revisions.every((r) => r.version === 1)).toBe(true);
  expect((await ctx.s3.listKeys()).sort()).toEqual(await referencedKeys(ctx.db));
});
