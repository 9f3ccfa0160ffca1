import { loadProductSnapshot, recordProductRevision, type Database, type Db, type ProductSnapshot } from '@brandi/db';
import type { CategoryPath } from '@brandi/http';
import { ConflictError, NotFoundError, ValidationError } from '@brandi/errors';
import { deleteAfterCommit, doom, withUploads } from '@brandi/storage';
import type { Transaction } from 'kysely';
import type { Actor } from '../../../types.js';
import { planImages } from '../upload/image-plan.js';
import { assignKeys, uploadFilesOf, type CheckedImage } from '../upload/images.js';
import type { ImageOrder, ProductPatch } from '../routes/input.schemas.js';
import { checkProductDraft, toDate, type ProductDraft } from './product-rules.js';
import {
  applyImagePlan,
  findThumbnailKeys,
  replaceOptions,
  softDeleteProduct,
  updateProductColumns,
} from '../sql/product-writes.repository.js';
import { findProductHeader, lockProductForUpdate } from '../sql/products.repository.js';
import type { WriteDeps } from './register.js';
import { assertCanWriteProducts } from './write-guards.js';

export interface ProductChange {
  product: ProductPatch;
  imageOrder?: ImageOrder;
  images: CheckedImage[];
}

/**
 * PATCH /products/:id. Everything is checked against the version the client saw before any upload; the
 * transaction then locks the row and re-checks the version, so of concurrent PATCHes one wins and the others
 * answer 409 with their uploads undone. Dropped images are doomed in the transaction, deleted after it.
 * Answers the product's category path before and after (the shoppers' cached feeds it left or joined).
 */
export async function modifyProduct(
  deps: WriteDeps,
  actor: Actor,
  id: number,
  expectedVersion: number,
  change: ProductChange,
): Promise<CategoryPath[]> {
  assertCanWriteProducts(actor);
  if (Object.keys(change.product).length === 0 && change.imageOrder === undefined) {
    throw new ValidationError([{ field: 'product', message: 'give product fields or imageOrder' }], 'Nothing to change');
  }
  await authorizeProductChange(deps.db, actor, id, expectedVersion);
  const current = await loadProductSnapshot(deps.db, id);
  if (!current) throw new NotFoundError('Product');
  const plan = planImages(current.images, change.imageOrder, change.images.length);
  if (change.product.options) assertOwnOptions(current, change.product.options);
  const { draft, mainCategoryId } = await checkProductDraft(
    deps.db,
    current.sellerId,
    mergeDraft(current, change.product),
    current.detailHtml,
  );

  // The version is re-checked under the row lock, so `current` is the row this change replaces.
  const paths = [pathOf(current), { mainCategoryId, firstCategoryId: draft.firstCategoryId, secondCategoryId: draft.secondCategoryId }];
  const stored = assignKeys(change.images, current.sellerId);
  const work = async (trx: Transaction<Database>) => {
    const locked = await lockProductForUpdate(trx, actor, id);
    if (!locked) throw new NotFoundError('Product');
    if (locked.version !== expectedVersion) throw staleVersion(locked.version);
    // The version matched, so the row is exactly what the plan was checked against.
    const before = await loadProductSnapshot(trx, id);
    await updateProductColumns(trx, id, draft, mainCategoryId, deps.now);
    if (change.product.options) await replaceOptions(trx, id, draft.options);
    // Read before the plan deletes the rows: a dropped image takes its thumbnail with it.
    const droppedThumbnails = await findThumbnailKeys(
      trx,
      plan.dropped.map((image) => image.id),
    );
    const newImages = stored.map(({ key, thumbnailKey, width, height }) => ({ key, thumbnailKey, width, height }));
    await applyImagePlan(trx, id, plan, newImages, deps.now);
    const dropped = [...plan.dropped.map((image) => image.key), ...droppedThumbnails];
    await doom(trx, dropped);
    await recordProductRevision(trx, { productId: id, changedBy: actor.id, action: 'update', before: before ?? null, now: deps.now });
    return dropped;
  };

  if (stored.length > 0) {
    await withUploads(deps, uploadFilesOf(stored), work, { doomed: (dropped) => dropped });
    return paths;
  }
  const dropped = await deps.db.transaction().execute(work);
  await deleteAfterCommit(deps, dropped);
  return paths;
}

const pathOf = (p: Pick<ProductSnapshot, 'mainCategoryId' | 'firstCategoryId' | 'secondCategoryId'>): CategoryPath => ({
  mainCategoryId: p.mainCategoryId,
  firstCategoryId: p.firstCategoryId,
  secondCategoryId: p.secondCategoryId,
});

/**
 * The caller may write products, the product is in its scope (someone else's is 404) and still at the
 * version the client saw. Checked before an upload is read, and again by modifyProduct under the row lock.
 */
export async function authorizeProductChange(db: Db, actor: Actor, id: number, expectedVersion: number): Promise<void> {
  assertCanWriteProducts(actor);
  const header = await findProductHeader(db, actor, id);
  if (!header) throw new NotFoundError('Product');
  if (header.version !== expectedVersion) throw staleVersion(header.version);
}

/** DELETE /products/:id: soft delete, kept in line history; If-Match is optional here. Answers its category path. */
export async function deleteProduct(
  deps: WriteDeps,
  actor: Actor,
  id: number,
  expectedVersion: number | undefined,
): Promise<CategoryPath[]> {
  assertCanWriteProducts(actor);
  return deps.db.transaction().execute(async (trx) => {
    const locked = await lockProductForUpdate(trx, actor, id);
    if (!locked) throw new NotFoundError('Product');
    if (expectedVersion !== undefined && locked.version !== expectedVersion) throw staleVersion(locked.version);
    const before = await loadProductSnapshot(trx, id);
    await softDeleteProduct(trx, id, deps.now);
    await recordProductRevision(trx, { productId: id, changedBy: actor.id, action: 'delete', before: before ?? null, now: deps.now });
    return before ? [pathOf(before)] : [];
  });
}

const staleVersion = (current: number) =>
  new ConflictError(`The product changed since you loaded it (now version ${current})`, [
    { field: 'If-Match', message: `is stale; the current version is ${current}` },
  ]);

function assertOwnOptions(current: ProductSnapshot, options: NonNullable<ProductPatch['options']>): void {
  const ids = new Set(current.options.map((o) => o.id));
  const seen = new Set<number>();
  const details = options.flatMap((option, index) => {
    if (option.id === undefined) return [];
    const problem = !ids.has(option.id) ? 'is not an option of this product' : seen.has(option.id) ? 'repeats an option' : undefined;
    seen.add(option.id);
    return problem ? [{ field: `product.options.${index}.id`, message: problem }] : [];
  });
  if (details.length > 0) throw new ValidationError(details, 'Options do not fit the product');
}

function mergeDraft(current: ProductSnapshot, patch: ProductPatch): ProductDraft {
  const pick = <K extends keyof ProductPatch>(key: K, fallback: NonNullable<ProductPatch[K]> | null) =>
    patch[key] !== undefined ? patch[key] : fallback;
  return {
    name: (patch.name ?? current.name).trim(),
    firstCategoryId: patch.firstCategoryId ?? current.firstCategoryId,
    secondCategoryId: patch.secondCategoryId ?? current.secondCategoryId,
    simpleDescription: pick('simpleDescription', current.simpleDescription) as string | null,
    detailHtml: patch.detailHtml ?? current.detailHtml,
    price: patch.price ?? current.price,
    discountRate: patch.discountRate ?? current.discountRate,
    discountStartsAt: toDate(pick('discountStartsAt', current.discountStartsAt) as string | null),
    discountEndsAt: toDate(pick('discountEndsAt', current.discountEndsAt) as string | null),
    minOrderQty: patch.minOrderQty ?? current.minOrderQty,
    maxOrderQty: patch.maxOrderQty ?? current.maxOrderQty,
    isOnSale: patch.isOnSale ?? current.isOnSale,
    isDisplayed: patch.isDisplayed ?? current.isDisplayed,
    options: patch.options ?? current.options,
  };
}
