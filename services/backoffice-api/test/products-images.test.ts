import { GetObjectCommand } from '@aws-sdk/client-s3';
import { failingPuts, readLedger } from '@brandi/storage/testing';
import sharp from 'sharp';
import { startTestApp, type TestContext } from './harness.js';
import {
  createStoredProduct,
  jpegFiles,
  multipart,
  productJson,
  productTableCounts,
  referencedKeys,
  validJpeg,
  type FormFile,
} from './products.fixtures.js';
import { bearerFor, createSeller } from './sellers.fixtures.js';

// The attacks of the hardening review: files that passed a header-only check, and metadata kept as uploaded.

let ctx: TestContext;
let seller: number;
let auth: Record<string, string>;
beforeAll(async () => {
  ctx = await startTestApp();
  seller = await createSeller(ctx.db, { attributeId: 1 });
  auth = await bearerFor(ctx.app, seller);
});
afterAll(() => ctx.close());

async function post(files: FormFile[]) {
  const body = await multipart({ product: productJson() }, files);
  return ctx.app.inject({
    method: 'POST',
    url: '/products',
    payload: body.payload,
    headers: { ...auth, 'content-type': body.contentType },
  });
}

async function readObject(key: string): Promise<Buffer> {
  const out = await ctx.s3.store.client.send(new GetObjectCommand({ Bucket: ctx.s3.config.bucket, Key: key }));
  return Buffer.from(await out.Body!.transformToByteArray());
}

const keyOf = (url: string) => url.slice(`${ctx.config.storage.publicUrl}/`.length);
const thumbnailOf = (key: string) => key.replace(/\.jpg$/, '_w360.webp');

/** SOI and a baseline SOF0 declaring 65535×65535, three components, and nothing else: 21 bytes. */
const headerOnlyJpeg = () =>
  Buffer.from([
    0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08, 0xff, 0xff, 0xff, 0xff, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01,
  ]);
const truncatedJpeg = () => validJpeg().subarray(0, Math.floor(validJpeg().length * 0.6));
const HTML = '<html><body><script>alert(document.cookie)</script></body></html>';
const jpegWithHtml = () => Buffer.concat([validJpeg(), Buffer.from(HTML)]);
const jpegWithGps = () =>
  sharp(validJpeg())
    .withExif({
      IFD0: { Artist: 'leaky' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '37/1 33/1 59/1', GPSLongitudeRef: 'E', GPSLongitude: '126/1 58/1 41/1' },
    })
    .jpeg()
    .toBuffer();

describe('files that do not decode in full, or declare too many pixels, are 400 naming the file; nothing is stored', () => {
  async function expectRefused(file: FormFile, message: RegExp) {
    const keysBefore = (await ctx.s3.listKeys()).sort();
    const countsBefore = await productTableCounts(ctx.db);
    const ledgerBefore = await readLedger(ctx.db);
    const res = await post([...jpegFiles(1), file]);
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toContain(file.name);
    expect(error.details).toEqual([{ field: 'images.1', message: expect.stringMatching(message) }]);
    expect(error.details[0].message).toContain(file.name);
    expect((await ctx.s3.listKeys()).sort()).toEqual(keysBefore);
    expect(await productTableCounts(ctx.db)).toEqual(countsBefore);
    expect(await readLedger(ctx.db)).toEqual(ledgerBefore);
  }

  test('a 21-byte header declaring 65535×65535', async () => {
    expect(headerOnlyJpeg()).toHaveLength(21);
    await expectRefused({ name: 'header-only.jpg', body: headerOnlyJpeg() }, /65535×65535.*megapixels/);
  });

  test('a truncated JPEG (header and size fine, scan data cut short)', async () => {
    await expect(sharp(truncatedJpeg()).metadata()).resolves.toMatchObject({ width: 640, height: 720 });
    await expectRefused({ name: 'truncated.jpg', body: truncatedJpeg() }, /does not decode as a complete JPEG/);
  });

  test('a real, decodable image of more than 40 megapixels', async () => {
    const huge = await sharp({ create: { width: 7000, height: 6000, channels: 3, background: { r: 90, g: 90, b: 90 } } })
      .jpeg()
      .toBuffer();
    expect(huge.length).toBeLessThan(1024 * 1024);
    await expectRefused({ name: 'huge.jpg', body: huge }, /7000×6000.*more than 40 megapixels/);
  });

  test('several bad files are all named', async () => {
    const res = await post([{ name: 'a.jpg', body: truncatedJpeg() }, ...jpegFiles(1), { name: 'b.jpg', body: headerOnlyJpeg() }]);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((d: { field: string }) => d.field)).toEqual(['images.0', 'images.2']);
  });
});

test('a JPEG with an HTML page appended is stored re-encoded, without the page', async () => {
  const res = await post([{ name: 'polyglot.jpg', body: jpegWithHtml() }]);
  expect(res.statusCode).toBe(201);
  const stored = await readObject(keyOf(res.json().images[0].url));
  expect(stored.includes(Buffer.from('<html'))).toBe(false);
  expect(stored.includes(Buffer.from('script'))).toBe(false);
  expect(stored.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
  await expect(sharp(stored, { failOn: 'warning' }).metadata()).resolves.toMatchObject({ format: 'jpeg', width: 640, height: 720 });
});

test('EXIF (GPS included) is stripped: the stored JPEG and its thumbnail carry no metadata', async () => {
  const upload = await jpegWithGps();
  const uploaded = await sharp(upload).metadata();
  expect(uploaded.exif?.includes(Buffer.from('leaky'))).toBe(true);
  const res = await post([{ name: 'gps.jpg', body: upload }]);
  expect(res.statusCode).toBe(201);
  const key = keyOf(res.json().images[0].url);
  for (const stored of [await readObject(key), await readObject(thumbnailOf(key))]) {
    const meta = await sharp(stored).metadata();
    expect({ exif: meta.exif, xmp: meta.xmp, icc: meta.icc, iptc: meta.iptc }).toEqual({
      exif: undefined,
      xmp: undefined,
      icc: undefined,
      iptc: undefined,
    });
    expect(stored.includes(Buffer.from('leaky'))).toBe(false);
  }
});

test('every image gets a 360 px WebP thumbnail beside it, in the bucket, the ledger and the list', async () => {
  const res = await post(jpegFiles(3));
  expect(res.statusCode).toBe(201);
  const product = res.json();
  const keys = product.images.map((image: { url: string }) => keyOf(image.url));
  const bucket = await ctx.s3.listKeys();
  for (const key of keys) {
    expect(key).toMatch(new RegExp(`^products/${seller}/[A-Za-z0-9_-]{22}\\.jpg$`));
    expect(bucket).toEqual(expect.arrayContaining([key, thumbnailOf(key)]));
    const meta = await sharp(await readObject(thumbnailOf(key))).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 360, height: 405 });
  }
  const ledger = await readLedger(ctx.db);
  const states = Object.fromEntries(ledger.map((row) => [row.key, row.state]));
  for (const key of keys) expect([states[key], states[thumbnailOf(key)]]).toEqual(['live', 'live']);

  const list = await ctx.app.inject({ method: 'GET', url: `/products?searchField=id&q=${product.id}`, headers: auth });
  expect(list.json().items).toEqual([
    expect.objectContaining({
      id: product.id,
      imageUrl: product.images[0].url,
      thumbnailUrl: product.images[0].url.replace(/\.jpg$/, '_w360.webp'),
    }),
  ]);
});

test('replacing an image deletes it and its thumbnail after the commit; the new main image brings its own', async () => {
  const id = await createStoredProduct(ctx, seller, { imageCount: 2 });
  const before = (await ctx.app.inject({ method: 'GET', url: `/products/${id}`, headers: auth })).json();
  const [first, second] = before.images;
  const body = await multipart({ imageOrder: [{ file: 0 }, { id: second.id }] }, jpegFiles(1));
  const res = await ctx.app.inject({
    method: 'PATCH',
    url: `/products/${id}`,
    payload: body.payload,
    headers: { ...auth, 'content-type': body.contentType, 'if-match': String(before.version) },
  });
  expect(res.statusCode).toBe(200);
  const replaced = keyOf(first.url);
  const added = keyOf(res.json().images[0].url);
  const bucket = await ctx.s3.listKeys();
  expect(bucket).not.toContain(replaced);
  expect(bucket).not.toContain(thumbnailOf(replaced));
  expect(bucket).toEqual(expect.arrayContaining([added, thumbnailOf(added), keyOf(second.url), thumbnailOf(keyOf(second.url))]));
  const ledger = await readLedger(ctx.db);
  expect(ledger.filter((row) => [replaced, thumbnailOf(replaced)].includes(row.key)).map((row) => row.state)).toEqual([
    'deleted',
    'deleted',
  ]);
  const row = await ctx.db
    .selectFrom('products')
    .select(['main_image_key', 'main_thumbnail_key'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  expect(row).toEqual({ main_image_key: added, main_thumbnail_key: thumbnailOf(added) });
  expect(bucket.sort()).toEqual(await referencedKeys(ctx.db));

  // History shows images as the detail does ({id, url, position}), never object keys.
  const history = (await ctx.app.inject({ method: 'GET', url: `/products/${id}/history`, headers: auth })).json();
  const imagesChange = (version: number) =>
    history.find((h: { version: number }) => h.version === version).changes.find((c: { field: string }) => c.field === 'images');
  expect(imagesChange(2)).toEqual({ field: 'images', before: before.images, after: res.json().images });
  expect(imagesChange(1)).toEqual({ field: 'images', before: null, after: before.images });
});

test('an S3 failure on a thumbnail upload leaves no product and no orphan (images uploaded before it are removed)', async () => {
  const countsBefore = await productTableCounts(ctx.db);
  const fault = failingPuts(ctx.s3.store, { key: (key) => key.endsWith('_w360.webp'), failOnCall: 3 });
  try {
    const res = await post(jpegFiles(5));
    expect(res.statusCode).toBe(503);
    expect(fault.failures).toBe(1);
  } finally {
    fault.restore();
  }
  expect(await productTableCounts(ctx.db)).toEqual(countsBefore);
  expect((await ctx.s3.listKeys()).sort()).toEqual(await referencedKeys(ctx.db));
  expect((await readLedger(ctx.db)).filter((row) => row.state === 'pending')).toEqual([]);
});
