import { effectivePriceColumns, type NewProduct, rankingScore, type SellerGroup } from '@brandi/db';
import { thumbnailKeyOf } from '@brandi/images';
import { ADJECTIVES, COLORS, MATERIALS, QUESTION_TEXTS, SIZES, groupOfAttribute } from '../catalog.js';
import { SWATCHES } from '../images.js';
import type { Random } from '../random.js';
import type { SellerRef } from './people.js';
import { DAY } from './session.js';

// The rows of one batch of bulk products (pure: a seeded PRNG in, rows out), and their options and questions.

/** The shared objects every bulk product's main image is one of (uploaded once, when a store is given). */
export const BULK_IMAGE_KEYS = SWATCHES.map((_, i) => `bench/shared-${i}.jpg`);
const mainImage = (key: string) => ({ main_image_key: key, main_thumbnail_key: thumbnailKeyOf(key) });

export type Category = { mainId: number; group: SellerGroup; firstId: number; secondId: number; secondName: string };

export function buildProductBatch(o: {
  random: Random;
  n: number;
  firstCode: number;
  sellerList: SellerRef[];
  byGroup: Map<SellerGroup, Category[]>;
  categories: Category[];
  now: Date;
}): { products: NewProduct[]; sellerIds: number[] } {
  const { random, now } = o;
  const products: NewProduct[] = [];
  const sellerIds: number[] = [];
  for (let j = 0; j < o.n; j++) {
    const seller = o.sellerList[random.int(0, o.sellerList.length - 1)];
    const cat = random.pick(o.byGroup.get(groupOfAttribute(seller.attribute_id ?? 1)) ?? o.categories);
    const createdAt = new Date(now.getTime() - random.int(0, 730 * DAY));
    const discounted = random.chance(0.3);
    const salesCount = random.int(0, 20000);
    const pricing = {
      price: random.int(50, 3000) * 100,
      discount_rate: discounted ? random.pick([5, 10, 20, 30, 50]) : 0,
      discount_starts_at: discounted ? new Date(now.getTime() - random.int(1, 30) * DAY) : null,
      discount_ends_at: discounted ? new Date(now.getTime() + random.int(-10, 30) * DAY) : null,
    };
    products.push({
      seller_id: seller.id,
      code: `B${String(o.firstCode + j).padStart(11, '0')}`,
      name: `${random.pick(ADJECTIVES)} ${random.pick(MATERIALS)} ${cat.secondName.split('/')[0]}`,
      main_category_id: cat.mainId,
      first_category_id: cat.firstId,
      second_category_id: cat.secondId,
      simple_description: null,
      detail_html: '<p>벤치마크 상품</p>',
      ...pricing,
      ...effectivePriceColumns(pricing, now),
      min_order_qty: 1,
      max_order_qty: 10,
      is_on_sale: random.chance(0.95),
      is_displayed: random.chance(0.97),
      ...mainImage(random.pick(BULK_IMAGE_KEYS)),
      sales_count: salesCount,
      ranking_score: rankingScore(salesCount, createdAt),
      created_at: createdAt,
      updated_at: createdAt,
      deleted_at: random.chance(0.01) ? now : null,
    });
    sellerIds.push(seller.id);
  }
  return { products, sellerIds };
}

export function buildChildren(
  random: Random,
  firstId: number,
  sellerIds: number[],
  o: { optionsPerProduct: number; questionsPerProduct: number; shopperRange: { min: number; max: number }; now: Date },
) {
  const options = [];
  const questions = [];
  for (const [j, sellerId] of sellerIds.entries()) {
    const colors = [...COLORS].sort(() => random.next() - 0.5);
    for (let k = 0; k < o.optionsPerProduct; k++) {
      options.push({
        product_id: firstId + j,
        color: colors[k % colors.length],
        size: SIZES[k % SIZES.length],
        stock: random.chance(0.1) ? null : random.int(0, 50),
        position: k,
      });
    }
    for (let k = 0; k < o.questionsPerProduct; k++) {
      questions.push({
        product_id: firstId + j,
        seller_id: sellerId,
        shopper_id: random.int(o.shopperRange.min, o.shopperRange.max),
        type_id: random.int(1, 7),
        content: random.pick(QUESTION_TEXTS),
        is_private: random.chance(0.3),
        is_answered: false,
        created_at: new Date(o.now.getTime() - random.int(0, 300) * DAY),
        deleted_at: null,
      });
    }
  }
  return { options, questions };
}
