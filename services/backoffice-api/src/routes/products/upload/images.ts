import { badRequest, unsupportedMediaType } from '@brandi/http';
import { assertPixelBudget, ImageRejectedError, newProductImageKey, processUpload, thumbnailKeyOf } from '@brandi/images';
import type { UploadFile } from '@brandi/storage';
import { hasJpegMagic, readJpegSize } from './jpeg.js';
import type { UploadedFile } from './multipart.js';

export const MAX_IMAGES = 5;

/** An upload decoded in full and re-encoded: what is stored, never the bytes the client sent. */
export interface CheckedImage {
  jpeg: Buffer;
  thumbnail: Buffer;
  width: number;
  height: number;
}

export interface ImageRules {
  minWidth: number;
  minHeight: number;
}

const JPEG_NAME = /\.jpe?g$/i;

/**
 * Every uploaded file must be named .jpg/.jpeg (any case) and start with the JPEG magic bytes and a readable
 * header (415 otherwise); then it is decoded in full: a file that does not decode as a whole JPEG, declares
 * more than 40 megapixels or is smaller than minWidth × minHeight is 400 naming it. Files are decoded in
 * parallel (bounded by @brandi/images); the cheap header checks of all files come first.
 */
export async function checkImages(files: readonly UploadedFile[], rules: ImageRules): Promise<CheckedImage[]> {
  if (files.length > MAX_IMAGES)
    throw badRequest(`At most ${MAX_IMAGES} images`, [{ field: 'images', message: `must hold at most ${MAX_IMAGES} files` }]);
  files.forEach((file, index) => {
    if (!JPEG_NAME.test(file.filename)) throw unsupportedMediaType(`Image ${index} must be a .jpg or .jpeg file`);
    if (!hasJpegMagic(file.buffer)) throw unsupportedMediaType(`Image ${index} is not a JPEG`);
    if (!readJpegSize(file.buffer)) throw unsupportedMediaType(`Image ${index} is not a readable JPEG`);
  });
  const results = await Promise.allSettled(
    files.map(async (file) => {
      // The header's own claim first: a 21-byte file declaring 65535×65535 is refused for what it declares.
      const declared = readJpegSize(file.buffer)!;
      assertPixelBudget(declared.width, declared.height);
      return processUpload(file.buffer, rules);
    }),
  );
  const details = results.flatMap((result, index) => {
    if (result.status === 'fulfilled') return [];
    if (!(result.reason instanceof ImageRejectedError)) throw result.reason;
    return [{ field: `images.${index}`, message: `${result.reason.message} (${files[index].filename})` }];
  });
  if (details.length > 0) {
    const first = details[0].field.slice('images.'.length);
    throw badRequest(
      details.length === 1
        ? `Image ${first} (${files[Number(first)].filename}) is not accepted`
        : `${details.length} images are not accepted`,
      details,
    );
  }
  return results.map((result) => (result as PromiseFulfilledResult<CheckedImage>).value);
}

/** An image's stored objects: the JPEG under a fresh key and its thumbnail beside it. */
export interface StoredImage extends CheckedImage {
  key: string;
  thumbnailKey: string;
}

export function assignKeys(images: readonly CheckedImage[], sellerId: number): StoredImage[] {
  return images.map((image) => {
    const key = newProductImageKey(sellerId);
    return { ...image, key, thumbnailKey: thumbnailKeyOf(key) };
  });
}

/** Both objects of every image, for withUploads (recorded pending, uploaded, made live together). */
export function uploadFilesOf(images: readonly StoredImage[]): UploadFile[] {
  return images.flatMap((image) => [
    { key: image.key, body: image.jpeg, contentType: 'image/jpeg' },
    { key: image.thumbnailKey, body: image.thumbnail, contentType: 'image/webp' },
  ]);
}
