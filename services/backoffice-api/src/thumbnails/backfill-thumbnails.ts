import type { Database } from '@brandi/db';
import { makeThumbnail, thumbnailKeyOf } from '@brandi/images';
import { forgetDeleted, withUploads, type StorageDeps } from '@brandi/storage';
import { attachThumbnail, findImagesWithoutThumbnail, type ImageWithoutThumbnail } from './thumbnails.repository.js';

export interface BackfillOptions {
  /** Image rows read per batch; default 200. */
  batchSize?: number;
  /** Images processed at once; default 4. */
  concurrency?: number;
  /** Called after each batch with the running totals. */
  onBatch?: (result: BackfillResult) => void;
}

export interface BackfillResult {
  scanned: number;
  created: number;
  /** The image row was dropped or replaced while its thumbnail was made; the upload was undone. */
  skipped: number;
  failed: { imageId: number; key: string; reason: string }[];
}

/** The row changed under us: withUploads undoes the upload, the backfill counts it as skipped. */
class ImageGone extends Error {}

/**
 * Gives every image stored before thumbnails existed its thumbnail (the one-off `pnpm storage:thumbnails`).
 * Each thumbnail goes through the upload ledger like any upload: recorded pending, uploaded, made live in the
 * transaction that references it, deleted again on any failure (or swept after a crash). Idempotent and
 * resumable: it only ever looks at rows still without a thumbnail, and a failed image is retried by the next run.
 */
export async function backfillThumbnails(deps: StorageDeps<Database>, options: BackfillOptions = {}): Promise<BackfillResult> {
  const batchSize = options.batchSize ?? 200;
  const concurrency = options.concurrency ?? 4;
  const result: BackfillResult = { scanned: 0, created: 0, skipped: 0, failed: [] };
  let afterId = 0;
  for (;;) {
    const batch = await findImagesWithoutThumbnail(deps.db, afterId, batchSize);
    if (batch.length === 0) break;
    afterId = batch.at(-1)!.id;
    let next = 0;
    const worker = async () => {
      for (let image = batch[next++]; image !== undefined; image = batch[next++]) await backfillOne(deps, image, result);
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, batch.length) }, worker));
    result.scanned += batch.length;
    options.onBatch?.(result);
  }
  return result;
}

async function backfillOne(deps: StorageDeps<Database>, image: ImageWithoutThumbnail, result: BackfillResult): Promise<void> {
  let thumbnail: Buffer;
  try {
    thumbnail = await makeThumbnail(await deps.store.get(image.key));
  } catch (err) {
    result.failed.push({ imageId: image.id, key: image.key, reason: err instanceof Error ? err.message : String(err) });
    return;
  }
  const key = thumbnailKeyOf(image.key);
  try {
    // An earlier attempt that was undone left the key `deleted` in the ledger; this one records it afresh.
    await forgetDeleted(deps.db, [key]);
    await withUploads(deps, [{ key, body: thumbnail, contentType: 'image/webp' }], async (trx) => {
      if (!(await attachThumbnail(trx, image, key))) throw new ImageGone();
    });
    result.created += 1;
  } catch (err) {
    if (err instanceof ImageGone) result.skipped += 1;
    else result.failed.push({ imageId: image.id, key: image.key, reason: err instanceof Error ? err.message : String(err) });
  }
}
