import { randomBytes } from 'node:crypto';

/** A fresh, unguessable key for a seller's product image; clients never choose keys. */
export function newProductImageKey(sellerId: number): string {
  if (!Number.isSafeInteger(sellerId) || sellerId <= 0) throw new RangeError(`Invalid seller id: ${sellerId}`);
  return `products/${sellerId}/${randomBytes(16).toString('base64url')}.jpg`;
}
