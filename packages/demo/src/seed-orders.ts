import { insertReview, moveReviewStats, type Db, type ReviewFit } from '@brandi/db';
import { advancePaidItem, insertPaidOrder, ORDER_ITEM_STATUSES, REVIEWABLE_STATUSES } from '@brandi/orders';
import { DEMO_SELLERS } from './catalog.js';
import type { Random } from './random.js';

const DAY = 24 * 3600 * 1000;
const HOUR = 3600 * 1000;
const ORDERS_PER_TAB = 1;

export interface OrderSeedSummary {
  addressesCreated: number;
  cartLinesCreated: number;
  ordersCreated: number;
  reviewsCreated: number;
}

const ADDRESSES = [
  { address1: '서울특별시 성동구 왕십리로 115', address2: '3층', zip_code: '04778' },
  { address1: '서울특별시 마포구 양화로 45', address2: '1201호', zip_code: '04036' },
  { address1: '경기도 성남시 분당구 판교역로 166', address2: 'B동 502호', zip_code: '13529' },
  { address1: '부산광역시 해운대구 센텀중앙로 79', address2: '102동 1403호', zip_code: '48058' },
];
const REVIEW_TEXTS = [
  '생각보다 두께감이 있어서 좋아요. 색감도 사진이랑 같아요.',
  '배송이 빨랐고 포장도 꼼꼼했어요. 재구매 의사 있습니다.',
  '핏이 예쁘게 떨어져요. 평소 사이즈로 주문했어요.',
  '소재가 부드럽고 마감도 깔끔합니다. 만족해요!',
  '조금 작게 나온 것 같아요. 한 치수 크게 추천합니다.',
  '가격 대비 괜찮아요. 다만 세탁 후 살짝 줄었어요.',
];

/**
 * Orders for the demo shoppers: every demo seller gets ORDERS_PER_TAB orders in every status tab, placed as
 * checkout places them and walked through real transitions (history, stock, sales counts, shipping refunds and
 * the per-seller counters all consistent), with reviews on part of the delivered and confirmed items; plus
 * addresses and carts. Idempotent: shoppers that already have addresses, cart lines or orders are left alone.
 */
export async function seedDemoOrders(db: Db, random: Random, shopperIds: number[], now: Date): Promise<OrderSeedSummary> {
  const summary: OrderSeedSummary = { addressesCreated: 0, cartLinesCreated: 0, ordersCreated: 0, reviewsCreated: 0 };
  for (const [i, shopperId] of shopperIds.entries()) {
    summary.addressesCreated += await seedAddresses(db, shopperId, i);
    summary.cartLinesCreated += await seedCart(db, random, shopperId);
  }
  const placed = await db.selectFrom('orders').select('id').where('shopper_id', 'in', shopperIds).limit(1).executeTakeFirst();
  if (placed) return summary;
  const sellers = await db
    .selectFrom('sellers')
    .select('id')
    .where(
      'login_id',
      'in',
      DEMO_SELLERS.map((s) => s.loginId),
    )
    .orderBy('id')
    .execute();
  for (const seller of sellers) {
    for (const status of ORDER_ITEM_STATUSES) {
      for (let n = 0; n < ORDERS_PER_TAB; n++) {
        const options = await orderableOptions(db, seller.id);
        if (options.length === 0) continue;
        const shopperId = random.pick(shopperIds);
        // Recent enough that the auto-confirmation (7 days) leaves delivered items for the desk; every move (at
        // most 5, 12 h apart) still lies in the past.
        const placedAt = new Date(
          now.getTime() - (status === 'delivered' || status === 'refund_requested' ? random.int(3, 5) : random.int(3, 25)) * DAY,
        );
        const lines = [...new Set([random.pick(options), random.pick(options)])]
          .slice(0, random.int(1, 2))
          .map((optionId) => ({ optionId, quantity: 1 }));
        summary.reviewsCreated += await db.transaction().execute(async (trx) => {
          const order = await insertPaidOrder(trx, shopperId, lines, placedAt);
          let reviews = 0;
          for (const item of order.items) {
            await advancePaidItem(trx, { id: item.id, shopperId, sellerId: item.sellerId }, status, placedAt, random.int(3, 12) * HOUR);
            if (!REVIEWABLE_STATUSES.has(status) || !random.chance(0.7)) continue;
            const option = await trx
              .selectFrom('order_items')
              .select(['option_color', 'option_size'])
              .where('id', '=', item.id)
              .executeTakeFirstOrThrow();
            const rating = random.pick([5, 5, 5, 4, 4, 3, 2]);
            const fit = random.pick<ReviewFit>(['fits', 'fits', 'fits', 'small', 'large']);
            const at = new Date(Math.min(now.getTime(), placedAt.getTime() + 4 * DAY));
            const review = { itemId: item.id, productId: item.productId, shopperId, color: option.option_color, size: option.option_size };
            await insertReview(trx, { ...review, rating, fit, content: random.pick(REVIEW_TEXTS), now: at });
            await moveReviewStats(trx, item.productId, null, { rating, fit });
            reviews++;
          }
          return reviews;
        });
        summary.ordersCreated++;
      }
    }
  }
  return summary;
}

/** Options of the seller's live products that can still give a unit (unmanaged stock, or some left). */
async function orderableOptions(db: Db, sellerId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('product_options as o')
    .innerJoin('products as p', 'p.id', 'o.product_id')
    .select('o.id')
    .where('p.seller_id', '=', sellerId)
    .where('p.deleted_at', 'is', null)
    .where((eb) => eb.or([eb('o.stock', 'is', null), eb('o.stock', '>=', 2)]))
    .orderBy('o.id')
    .limit(50)
    .execute();
  return rows.map((r) => r.id);
}

async function seedAddresses(db: Db, shopperId: number, i: number): Promise<number> {
  const existing = await db.selectFrom('addresses').select('id').where('shopper_id', '=', shopperId).limit(1).executeTakeFirst();
  if (existing) return 0;
  const mine = [ADDRESSES[i % ADDRESSES.length], ADDRESSES[(i + 1) % ADDRESSES.length]];
  await db
    .insertInto('addresses')
    .values(
      mine.map((a, n) => ({
        shopper_id: shopperId,
        recipient: `쇼퍼${i + 1}`,
        phone: `010-${String(3000 + i).padStart(4, '0')}-${String(7000 + n).padStart(4, '0')}`,
        ...a,
        is_default: n === 0,
      })),
    )
    .execute();
  return mine.length;
}

async function seedCart(db: Db, random: Random, shopperId: number): Promise<number> {
  const existing = await db.selectFrom('cart_lines').select('option_id').where('shopper_id', '=', shopperId).limit(1).executeTakeFirst();
  if (existing) return 0;
  const options = await db
    .selectFrom('product_options as o')
    .innerJoin('products as p', 'p.id', 'o.product_id')
    .select('o.id')
    .where('p.deleted_at', 'is', null)
    .where('p.is_displayed', '=', true)
    .where('p.is_on_sale', '=', true)
    .orderBy('o.id')
    .limit(200)
    .execute();
  if (options.length === 0) return 0;
  const picked = [...new Set([random.pick(options).id, random.pick(options).id, random.pick(options).id])];
  await db
    .insertInto('cart_lines')
    .values(picked.map((optionId) => ({ shopper_id: shopperId, option_id: optionId, quantity: random.int(1, 2) })))
    .execute();
  return picked.length;
}
