import { insertProduct, recordProductRevision, type Db, type NewProductInput } from '@brandi/db';
import { productInput } from '@brandi/db/testing';
import { generateJpeg } from '@brandi/demo';
import { makeThumbnail } from '@brandi/images';
import { newProductImageKey, thumbnailKeyOf } from '@brandi/images';
import { withUploads } from '@brandi/storage';
import { captureLogger } from '@brandi/storage/testing';
import type { TestContext } from './harness.js';

// Reference categories (stable ids): shop main 4 → first 1 → second 1 (and 2); brand main 5 → first 12 → second 62.
export const SHOP = { main: 4, first: 1, second: 1, otherSecond: 2 } as const;
export const BRAND = { main: 5, first: 12, second: 62 } as const;

let cachedJpeg: Buffer | undefined;
/** A real 640×720 JPEG (the minimum size), generated once per test file. */
export function validJpeg(): Buffer {
  cachedJpeg ??= generateJpeg(640, 720, { r: 200, g: 40, b: 40 }, { r: 20, g: 20, b: 120 });
  return cachedJpeg;
}

let cachedThumbnail: Promise<Buffer> | undefined;
/** The list thumbnail of validJpeg(), made as uploads make theirs. */
export function validThumbnail(): Promise<Buffer> {
  cachedThumbnail ??= makeThumbnail(validJpeg());
  return cachedThumbnail;
}

export const smallJpeg = () => generateJpeg(300, 300, { r: 0, g: 0, b: 0 });

/** PNG signature and IHDR: what a `.png` renamed to `.jpg` starts with. */
export const pngBytes = () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(2000, 7)]);

/** A product JSON that passes every rule for a shop-group seller. */
export function productJson(overrides: Record<string, unknown> = {}) {
  return {
    name: '데일리 셔츠',
    firstCategoryId: SHOP.first,
    secondCategoryId: SHOP.second,
    simpleDescription: '가볍고 시원한 셔츠',
    detailHtml: '<p>상세 설명</p>',
    price: 29000,
    discountRate: 10,
    discountStartsAt: null,
    discountEndsAt: null,
    minOrderQty: 1,
    maxOrderQty: 5,
    isOnSale: true,
    isDisplayed: true,
    options: [
      { color: 'black', size: 'M', stock: 10 },
      { color: 'white', size: 'L', stock: null },
    ],
    ...overrides,
  };
}

export interface FormFile {
  name: string;
  body: Buffer;
}

/** A multipart/form-data body (bytes and content type with its boundary), built by the platform's FormData. */
export async function multipart(fields: Record<string, unknown>, files: FormFile[] = [], fileField = 'images') {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, typeof value === 'string' ? value : JSON.stringify(value));
  for (const file of files) form.append(fileField, new Blob([file.body], { type: 'image/jpeg' }), file.name);
  const response = new Response(form);
  return { payload: Buffer.from(await response.arrayBuffer()), contentType: response.headers.get('content-type')! };
}

export const jpegFiles = (count: number): FormFile[] =>
  Array.from({ length: count }, (_, i) => ({ name: `photo${i}.jpg`, body: validJpeg() }));

/**
 * A committed product whose images really are in the bucket and live in the ledger, made through the
 * repositories (not the API under test), with its version 1 in history.
 */
export async function createStoredProduct(
  ctx: TestContext,
  sellerId: number,
  overrides: Partial<Omit<NewProductInput, 'sellerId' | 'images'>> & { imageCount?: number; withThumbnails?: boolean } = {},
  now = new Date(),
): Promise<number> {
  const { imageCount = 2, withThumbnails = true, ...fields } = overrides;
  const thumbnail = await validThumbnail();
  const images = Array.from({ length: imageCount }, () => {
    const key = newProductImageKey(sellerId);
    return { key, thumbnailKey: withThumbnails ? thumbnailKeyOf(key) : null, width: 640, height: 720 };
  });
  const files = images.flatMap(({ key, thumbnailKey }) => [
    { key, body: validJpeg(), contentType: 'image/jpeg' },
    ...(thumbnailKey === null ? [] : [{ key: thumbnailKey, body: thumbnail, contentType: 'image/webp' }]),
  ]);
  return withUploads({ db: ctx.db, store: ctx.s3.store, logger: captureLogger() }, files, async (trx) => {
    const productId = await insertProduct(trx, productInput(sellerId, { name: '기본 상품', ...fields, images }), now);
    await recordProductRevision(trx, { productId, changedBy: sellerId, action: 'create', before: null, now });
    return productId;
  });
}

/** Every object key the committed image rows reference (images and thumbnails), sorted: what the bucket must hold exactly. */
export async function referencedKeys(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('product_images').select(['object_key', 'thumbnail_key']).execute();
  return rows.flatMap((r) => (r.thumbnail_key === null ? [r.object_key] : [r.object_key, r.thumbnail_key])).sort();
}

/** Row counts of every table a product write touches. */
export async function productTableCounts(db: Db) {
  const count = async (table: 'products' | 'product_images' | 'product_options' | 'product_revisions') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    products: await count('products'),
    images: await count('product_images'),
    options: await count('product_options'),
    revisions: await count('product_revisions'),
  };
}
