import { effectivePrice } from '@brandi/db';
import { reviewHeadline } from '../reviews/review-stats.repository.js';
import type { ObjectStore } from '@brandi/storage';
import type { findProductOptions, findVisibleProduct } from './product-detail.repository.js';
import type { ProductListRow } from './products.repository.js';
import type { ProductDetail, ProductListItem } from './schemas.js';

type DetailRow = NonNullable<Awaited<ReturnType<typeof findVisibleProduct>>>;
type OptionRow = Awaited<ReturnType<typeof findProductOptions>>[number];

export function toProductListItem(row: ProductListRow, now: Date, store: ObjectStore): ProductListItem {
  const { discountRate, discountedPrice } = effectivePrice(row, now);
  const thumbnailKey = row.main_thumbnail_key ?? row.main_image_key;
  return {
    id: row.id,
    name: row.name,
    imageUrl: row.main_image_key === null ? null : store.publicUrl(row.main_image_key),
    // Rows stored before thumbnails existed show the image itself until `storage:thumbnails` has run.
    thumbnailUrl: thumbnailKey === null ? null : store.publicUrl(thumbnailKey),
    price: row.price,
    discountRate,
    discountedPrice,
    salesCount: row.sales_count,
    seller: { id: row.seller_id, name: row.seller_name },
  };
}

const distinct = (values: string[]) => [...new Set(values)];

export function toProductDetail(
  row: DetailRow,
  parts: { imageKeys: string[]; options: OptionRow[]; questionCount: number },
  now: Date,
  store: ObjectStore,
): ProductDetail {
  const { discountRate, discountedPrice, isDiscounted } = effectivePrice(row, now);
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    images: parts.imageKeys.map((key) => store.publicUrl(key)),
    price: row.price,
    discountRate,
    discountedPrice,
    discountEndsAt: isDiscounted && row.discount_ends_at ? row.discount_ends_at.toISOString() : null,
    simpleDescription: row.simple_description,
    detailHtml: row.detail_html,
    minOrderQty: row.min_order_qty,
    maxOrderQty: row.max_order_qty,
    isOnSale: row.is_on_sale,
    options: parts.options.map((o) => ({ id: o.id, color: o.color, size: o.size, stock: o.stock, soldOut: o.stock === 0 })),
    colors: distinct(parts.options.map((o) => o.color)),
    sizes: distinct(parts.options.map((o) => o.size)),
    category: {
      main: { id: row.main_category_id, name: row.main_category_name },
      first: { id: row.first_category_id, name: row.first_category_name },
      second: { id: row.second_category_id, name: row.second_category_name },
    },
    seller: { id: row.seller_id, name: row.seller_name, imageUrl: row.seller_image_url, siteUrl: row.seller_site_url },
    salesCount: row.sales_count,
    questionCount: parts.questionCount,
    ...reviewHeadline(row),
  };
}
