import type { Database, Db } from '@brandi/db';
import type { Transaction } from 'kysely';

export interface ImageWithoutThumbnail {
  id: number;
  productId: number;
  key: string;
}

/** The next image rows without a thumbnail after `afterId`, in id order (a resumable cursor). */
export async function findImagesWithoutThumbnail(db: Db, afterId: number, limit: number): Promise<ImageWithoutThumbnail[]> {
  const rows = await db
    .selectFrom('product_images')
    .select(['id', 'product_id', 'object_key'])
    .where('thumbnail_key', 'is', null)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ id: row.id, productId: row.product_id, key: row.object_key }));
}

/**
 * Records an image's thumbnail (and the product's main thumbnail when it is the main image). The product row is
 * locked first, as every product write does: a concurrent PATCH dropping this image either commits before
 * (then the image row is gone and this returns false) or reads the thumbnail key and dooms it with the image.
 */
export async function attachThumbnail(trx: Transaction<Database>, image: ImageWithoutThumbnail, thumbnailKey: string): Promise<boolean> {
  await trx.selectFrom('products').select('id').where('id', '=', image.productId).forUpdate().execute();
  const updated = await trx
    .updateTable('product_images')
    .set({ thumbnail_key: thumbnailKey })
    .where('id', '=', image.id)
    .where('object_key', '=', image.key)
    .where('thumbnail_key', 'is', null)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) return false;
  await trx
    .updateTable('products')
    .set({ main_thumbnail_key: thumbnailKey })
    .where('id', '=', image.productId)
    .where('main_image_key', '=', image.key)
    .execute();
  return true;
}
