import { randomBytes } from 'node:crypto';
import { THUMBNAIL_WIDTH } from './process.js';

// Object keys of product images. The object store stores whatever key it is given; how product images are
// named (per seller, unguessable, thumbnail beside its image) is decided here, with the image processing.

/** A fresh, unguessable key for a seller's product image; clients never choose keys. */
export function newProductImageKey(sellerId: number): string {
  if (!Number.isSafeInteger(sellerId) || sellerId <= 0) throw new RangeError(`Invalid seller id: ${sellerId}`);
  return `products/${sellerId}/${randomBytes(16).toString('base64url')}.jpg`;
}

/** The list thumbnail stored beside an image: `products/7/<random>.jpg` → `products/7/<random>_w360.webp`. */
export function thumbnailKeyOf(imageKey: string): string {
  return `${imageKey.replace(/\.[^./]*$/, '')}_w${THUMBNAIL_WIDTH}.webp`;
}
