import { insertProduct, recordProductRevision, type Db } from '@brandi/db';
import { NotAllowedError, ValidationError } from '@brandi/errors';
import type { CategoryPath } from '@brandi/http';
import { withUploads, type ObjectStore, type StorageLogger } from '@brandi/storage';
import type { BackofficeApiConfig } from '../../../config.js';
import type { Actor } from '../../../types.js';
import { assignKeys, checkImages, uploadFilesOf } from '../upload/images.js';
import { NewProductBody } from '../routes/input.schemas.js';
import type { ProductForm } from '../upload/multipart.js';
import { checkProductDraft, parseJsonField, toDate, type ProductDraft } from './product-rules.js';
import { assertCanWriteProducts } from './write-guards.js';

export interface WriteDeps {
  db: Db;
  store: ObjectStore;
  logger: StorageLogger;
  config: BackofficeApiConfig;
  now: Date;
}

/**
 * POST /products: validates everything, then uploads and commits product, images, options and version 1.
 * Answers the new id and its category path (the shoppers' cached feeds it joins).
 */
export async function registerProduct(deps: WriteDeps, actor: Actor, form: ProductForm): Promise<{ id: number; path: CategoryPath }> {
  assertCanWriteProducts(actor);
  if (form.files.length === 0)
    throw new ValidationError([{ field: 'images', message: 'must hold 1 to 5 JPEG files' }], 'At least one image is required');
  const raw = form.fields.get('product');
  if (raw === undefined) throw new ValidationError([{ field: 'product', message: 'is required' }]);
  const body = parseJsonField<NewProductBody>(raw, NewProductBody, 'product');
  const sellerId = await resolveSeller(deps.db, actor, body.sellerId);
  const { draft, mainCategoryId } = await checkProductDraft(deps.db, sellerId, toDraft(body));
  // Decoding is the expensive check, so it comes last.
  const images = assignKeys(await checkImages(form.files, imageRules(deps.config)), sellerId);

  const path = { mainCategoryId, firstCategoryId: draft.firstCategoryId, secondCategoryId: draft.secondCategoryId };
  const id = await withUploads(deps, uploadFilesOf(images), async (trx) => {
    const productId = await insertProduct(
      trx,
      {
        ...draft,
        sellerId,
        mainCategoryId,
        images: images.map(({ key, thumbnailKey, width, height }) => ({ key, thumbnailKey, width, height })),
        options: draft.options.map(({ color, size, stock }) => ({ color: color.trim(), size: size.trim(), stock })),
      },
      deps.now,
    );
    await recordProductRevision(trx, { productId, changedBy: actor.id, action: 'create', before: null, now: deps.now });
    return productId;
  });
  return { id, path };
}

export const imageRules = (config: BackofficeApiConfig) => ({ minWidth: config.UPLOAD_MIN_WIDTH, minHeight: config.UPLOAD_MIN_HEIGHT });

/** A seller registers for itself; an admin names the seller, which must exist and be a seller. */
async function resolveSeller(db: Db, actor: Actor, sellerId: number | undefined): Promise<number> {
  if (actor.role !== 'admin') {
    if (sellerId !== undefined && sellerId !== actor.id) throw new NotAllowedError('A seller registers products for itself only');
    return actor.id;
  }
  if (sellerId === undefined)
    throw new ValidationError([{ field: 'product.sellerId', message: 'is required when an admin registers a product' }]);
  const seller = await db.selectFrom('sellers').select('id').where('id', '=', sellerId).where('role', '=', 'seller').executeTakeFirst();
  if (!seller) throw new ValidationError([{ field: 'product.sellerId', message: 'is not a seller' }]);
  return seller.id;
}

function toDraft(body: NewProductBody): ProductDraft {
  return {
    name: body.name.trim(),
    firstCategoryId: body.firstCategoryId,
    secondCategoryId: body.secondCategoryId,
    simpleDescription: body.simpleDescription ?? null,
    detailHtml: body.detailHtml ?? '',
    price: body.price,
    discountRate: body.discountRate ?? 0,
    discountStartsAt: toDate(body.discountStartsAt),
    discountEndsAt: toDate(body.discountEndsAt),
    minOrderQty: body.minOrderQty ?? 1,
    maxOrderQty: body.maxOrderQty ?? 20,
    isOnSale: body.isOnSale ?? true,
    isDisplayed: body.isDisplayed ?? true,
    options: body.options,
  };
}
