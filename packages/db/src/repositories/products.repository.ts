import { randomBytes } from 'node:crypto';
import type { Transaction } from 'kysely';
import { effectivePriceColumns, rankingScore } from '../pricing.js';
import type { Database } from '../schema/index.js';

export interface NewProductInput {
  sellerId: number;
  name: string;
  mainCategoryId: number;
  firstCategoryId: number;
  secondCategoryId: number;
  simpleDescription: string | null;
  detailHtml: string;
  price: number;
  discountRate: number;
  discountStartsAt: Date | null;
  discountEndsAt: Date | null;
  minOrderQty: number;
  maxOrderQty: number;
  isOnSale: boolean;
  isDisplayed: boolean;
  images: { key: string; thumbnailKey: string | null; width: number; height: number }[];
  options: { color: string; size: string; stock: number | null }[];
  salesCount?: number;
}

const CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** Server-generated product code: `P` + 11 random characters (unique index catches the rare clash). */
export function newProductCode(): string {
  const bytes = randomBytes(11);
  let code = 'P';
  for (const b of bytes) code += CODE_ALPHABET[b % CODE_ALPHABET.length];
  return code;
}

/** Inserts a product with its images (in order) and options; returns the new id. */
export async function insertProduct(trx: Transaction<Database>, input: NewProductInput, now: Date): Promise<number> {
  const salesCount = input.salesCount ?? 0;
  const result = await trx
    .insertInto('products')
    .values({
      seller_id: input.sellerId,
      code: newProductCode(),
      name: input.name,
      main_category_id: input.mainCategoryId,
      first_category_id: input.firstCategoryId,
      second_category_id: input.secondCategoryId,
      simple_description: input.simpleDescription,
      detail_html: input.detailHtml,
      price: input.price,
      discount_rate: input.discountRate,
      discount_starts_at: input.discountStartsAt,
      discount_ends_at: input.discountEndsAt,
      ...effectivePriceColumns(
        {
          price: input.price,
          discount_rate: input.discountRate,
          discount_starts_at: input.discountStartsAt,
          discount_ends_at: input.discountEndsAt,
        },
        now,
      ),
      min_order_qty: input.minOrderQty,
      max_order_qty: input.maxOrderQty,
      is_on_sale: input.isOnSale,
      is_displayed: input.isDisplayed,
      main_image_key: input.images[0]?.key ?? null,
      main_thumbnail_key: input.images[0]?.thumbnailKey ?? null,
      sales_count: salesCount,
      ranking_score: rankingScore(salesCount, now),
      created_at: now,
      updated_at: now,
      deleted_at: null,
    })
    .executeTakeFirstOrThrow();
  const productId = Number(result.insertId);
  if (input.images.length > 0) {
    await trx
      .insertInto('product_images')
      .values(
        input.images.map((img, position) => ({
          product_id: productId,
          object_key: img.key,
          thumbnail_key: img.thumbnailKey,
          position,
          width: img.width,
          height: img.height,
          created_at: now,
        })),
      )
      .execute();
  }
  if (input.options.length > 0) {
    await trx
      .insertInto('product_options')
      .values(input.options.map((o, position) => ({ product_id: productId, color: o.color, size: o.size, stock: o.stock, position })))
      .execute();
  }
  return productId;
}
