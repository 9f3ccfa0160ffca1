import type { ObjectStore } from '@brandi/storage';
import type { MyReviewRow, ProductReviewRow } from './reviews.repository.js';
import type { MyReview, ReviewItem } from './schemas.js';

export function toReviewItem(row: ProductReviewRow): ReviewItem {
  return {
    id: row.id,
    rating: row.rating,
    fit: row.fit,
    content: row.content,
    author: row.author,
    option: { color: row.option_color, size: row.option_size },
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function toMyReview(row: MyReviewRow, store: ObjectStore): MyReview {
  return {
    ...toReviewItem(row),
    orderItemId: row.order_item_id,
    product: {
      id: row.product_id,
      name: row.product_name,
      imageUrl: row.main_image_key === null ? null : store.publicUrl(row.main_image_key),
    },
  };
}
