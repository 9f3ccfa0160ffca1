import { effectivePrice, type FieldChange, type ProductSnapshot } from '@brandi/db';
import type { CategoryNames, ProductPageRow } from '../sql/products.repository.js';
import type { ProductDetail, ProductListItem } from '../routes/schemas.js';

type PublicUrl = (key: string) => string;

export function toProductListItem(row: ProductPageRow, now: Date, publicUrl: PublicUrl): ProductListItem {
  const price = effectivePrice(row, now);
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    imageUrl: row.main_image_key === null ? null : publicUrl(row.main_image_key),
    thumbnailUrl: listThumbnailUrl(row, publicUrl),
    registeredAt: row.created_at.toISOString(),
    seller: { id: row.seller_id, nameKo: row.seller_name, attribute: { id: row.attribute_id, name: row.attribute_name } },
    price: row.price,
    discountRate: row.discount_rate,
    discountedPrice: price.discountedPrice,
    isOnSale: row.is_on_sale,
    isDisplayed: row.is_displayed,
    isDiscounted: price.isDiscounted,
  };
}

/** The list thumbnail, or the image itself for rows stored before thumbnails (until `storage:thumbnails`). */
function listThumbnailUrl(row: { main_image_key: string | null; main_thumbnail_key: string | null }, publicUrl: PublicUrl): string | null {
  const key = row.main_thumbnail_key ?? row.main_image_key;
  return key === null ? null : publicUrl(key);
}

export interface DetailContext {
  /** The instant discountedPrice and isDiscounted are for. */
  now: Date;
  version: number;
  registeredAt: Date;
  updatedAt: Date;
  sellerName: string;
  categories: CategoryNames;
}

/** The edit-form shape, for the live product and for any revision's snapshot alike. */
export function toProductDetail(s: ProductSnapshot, context: DetailContext, publicUrl: PublicUrl): ProductDetail {
  const asDate = (iso: string | null) => (iso === null ? null : new Date(iso));
  const window = { discount_starts_at: asDate(s.discountStartsAt), discount_ends_at: asDate(s.discountEndsAt) };
  const { discountedPrice, isDiscounted } = effectivePrice({ price: s.price, discount_rate: s.discountRate, ...window }, context.now);
  return {
    id: s.id,
    code: s.code,
    seller: { id: s.sellerId, nameKo: context.sellerName },
    name: s.name,
    firstCategoryId: s.firstCategoryId,
    secondCategoryId: s.secondCategoryId,
    category: context.categories,
    simpleDescription: s.simpleDescription,
    detailHtml: s.detailHtml,
    price: s.price,
    discountRate: s.discountRate,
    discountStartsAt: s.discountStartsAt,
    discountEndsAt: s.discountEndsAt,
    discountedPrice,
    isDiscounted,
    minOrderQty: s.minOrderQty,
    maxOrderQty: s.maxOrderQty,
    isOnSale: s.isOnSale,
    isDisplayed: s.isDisplayed,
    isDeleted: s.isDeleted,
    images: toImageList(s.images, publicUrl),
    options: s.options.map((o) => ({ id: o.id, color: o.color, size: o.size, stock: o.stock })),
    version: context.version,
    registeredAt: context.registeredAt.toISOString(),
    updatedAt: context.updatedAt.toISOString(),
  };
}

function toImageList(images: ProductSnapshot['images'], publicUrl: PublicUrl): ProductDetail['images'] {
  return images.map((i) => ({ id: i.id, url: publicUrl(i.key), position: i.position }));
}

/** A history change as clients see it: images as the detail shows them ({id, url, position}), never object keys. */
export function toFieldChange(change: FieldChange, publicUrl: PublicUrl): FieldChange {
  if (change.field !== 'images') return change;
  const present = (value: unknown) => (Array.isArray(value) ? toImageList(value as ProductSnapshot['images'], publicUrl) : value);
  return { field: change.field, before: present(change.before), after: present(change.after) };
}
