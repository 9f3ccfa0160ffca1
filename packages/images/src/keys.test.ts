import { newProductImageKey, thumbnailKeyOf } from './keys.js';

test('newProductImageKey makes unguessable keys under the seller', () => {
  const key = newProductImageKey(42);
  expect(key).toMatch(/^products\/42\/[A-Za-z0-9_-]{22}\.jpg$/);
  expect(newProductImageKey(42)).not.toBe(key);
  expect(() => newProductImageKey(0)).toThrow(RangeError);
  expect(() => newProductImageKey(1.5)).toThrow(RangeError);
});

test('thumbnailKeyOf puts the list thumbnail beside its image', () => {
  expect(thumbnailKeyOf('products/7/abc.jpg')).toBe('products/7/abc_w360.webp');
  expect(thumbnailKeyOf('products/7/a.b/c')).toBe('products/7/a.b/c_w360.webp');
});
