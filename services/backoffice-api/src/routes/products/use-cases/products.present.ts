import { effectivePrice, type ProductSnapshot } from '@brandi/db';
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
    discountRate: price.discountRate,
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
  version: number;
  registeredAt: Date;
  updatedAt: Date;
  sellerName: string;
  categories: CategoryNames;
}

/** The edit-form shape, for the live product and for any revision's snapshot alike. */
export function toProductDetail(s: ProductSnapshot, context: DetailContext, publicUrl: PublicUrl): ProductDetail {
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
    minOrderQty: s.minOrderQty,
    maxOrderQty: s.maxOrderQty,
    isOnSale: s.isOnSale,
    isDisplayed: s.isDisplayed,
    isDeleted: s.isDeleted,
    images: s.images.map((i) => ({ id: i.id, url: publicUrl(i.key), position: i.position })),
    options: s.options.map((o) => ({ id: o.id, color: o.color, size: o.size, stock: o.stock })),
    version: context.version,
    registeredAt: context.registeredAt.toISOString(),
    updatedAt: context.updatedAt.toISOString(),
  };
}
