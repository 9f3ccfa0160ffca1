import { effectivePriceColumns, sql, type Database } from '@brandi/db';
import type { Transaction } from 'kysely';
import type { ImagePlan } from '../upload/image-plan.js';
import type { ProductDraft } from '../use-cases/product-rules.js';

type Trx = Transaction<Database>;

/** Writes every editable column, bumps the version and keeps the derived price columns current. */
export async function updateProductColumns(trx: Trx, id: number, draft: ProductDraft, mainCategoryId: number, now: Date): Promise<void> {
  await trx
    .updateTable('products')
    .set({
      name: draft.name,
      main_category_id: mainCategoryId,
      first_category_id: draft.firstCategoryId,
      second_category_id: draft.secondCategoryId,
      simple_description: draft.simpleDescription,
      detail_html: draft.detailHtml,
      price: draft.price,
      discount_rate: draft.discountRate,
      discount_starts_at: draft.discountStartsAt,
      discount_ends_at: draft.discountEndsAt,
      ...effectivePriceColumns(
        {
          price: draft.price,
          discount_rate: draft.discountRate,
          discount_starts_at: draft.discountStartsAt,
          discount_ends_at: draft.discountEndsAt,
        },
        now,
      ),
      min_order_qty: draft.minOrderQty,
      max_order_qty: draft.maxOrderQty,
      is_on_sale: draft.isOnSale,
      is_displayed: draft.isDisplayed,
      version: sql<number>`version + 1`,
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

/**
 * Replaces the option rows with `options` in order; an option with an id keeps it. Deleting first means a
 * swap of two options' colors never trips the (product, color, size) unique key half-way.
 */
export async function replaceOptions(trx: Trx, productId: number, options: ProductDraft['options']): Promise<void> {
  await trx.deleteFrom('product_options').where('product_id', '=', productId).execute();
  await trx
    .insertInto('product_options')
    .values(
      options.map((o, position) => ({
        id: o.id,
        product_id: productId,
        color: o.color.trim(),
        size: o.size.trim(),
        stock: o.stock,
        position,
      })),
    )
    .execute();
}

export interface NewImage {
  key: string;
  thumbnailKey: string;
  width: number;
  height: number;
}

/** Applies an image plan: drops, reorders, inserts the new files, and keeps products.main_image_key/main_thumbnail_key. */
export async function applyImagePlan(
  trx: Trx,
  productId: number,
  plan: ImagePlan,
  newImages: readonly NewImage[],
  now: Date,
): Promise<void> {
  if (!plan.final) return;
  if (plan.dropped.length > 0) {
    await trx
      .deleteFrom('product_images')
      .where(
        'id',
        'in',
        plan.dropped.map((image) => image.id),
      )
      .execute();
  }
  for (const [position, placed] of plan.final.entries()) {
    if (placed.kind === 'keep') {
      await trx.updateTable('product_images').set({ position }).where('id', '=', placed.id).where('product_id', '=', productId).execute();
    } else {
      const image = newImages[placed.file];
      await trx
        .insertInto('product_images')
        .values({
          product_id: productId,
          object_key: image.key,
          thumbnail_key: image.thumbnailKey,
          position,
          width: image.width,
          height: image.height,
          created_at: now,
        })
        .execute();
    }
  }
  const [main] = plan.final;
  const mainImage =
    main.kind === 'keep'
      ? await trx
          .selectFrom('product_images')
          .select(['object_key as key', 'thumbnail_key as thumbnailKey'])
          .where('id', '=', main.id)
          .executeTakeFirstOrThrow()
      : newImages[main.file];
  await trx
    .updateTable('products')
    .set({ main_image_key: mainImage.key, main_thumbnail_key: mainImage.thumbnailKey })
    .where('id', '=', productId)
    .execute();
}

/** The thumbnail keys of these image rows (those that have one). */
export async function findThumbnailKeys(trx: Trx, imageIds: readonly number[]): Promise<string[]> {
  if (imageIds.length === 0) return [];
  const rows = await trx
    .selectFrom('product_images')
    .select('thumbnail_key')
    .where('id', 'in', imageIds)
    .where('thumbnail_key', 'is not', null)
    .execute();
  return rows.map((row) => row.thumbnail_key!);
}

export async function softDeleteProduct(trx: Trx, id: number, now: Date): Promise<void> {
  await trx
    .updateTable('products')
    .set({ deleted_at: now, updated_at: now, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .execute();
}
