import type { Database, OrderItemStatus } from '@brandi/db';
import type { Transaction } from 'kysely';
import { transitionItem, type TransitionItemInput } from './transition.js';

type Step = Omit<TransitionItemInput, 'itemId' | 'actor' | 'now'> & { by: 'shopper' | 'seller' };

const SHIP: Step = { to: 'shipping', by: 'seller', carrierId: 1, trackingNo: '600000000001' };
const DELIVERED_PATH: Step[] = [{ to: 'preparing', by: 'seller' }, SHIP, { to: 'delivered', by: 'seller' }];

/** The legal moves from `paid` to each status, by whoever makes them (API.md's table). */
export const PATHS_FROM_PAID: Record<OrderItemStatus, Step[]> = {
  paid: [],
  preparing: [{ to: 'preparing', by: 'seller' }],
  shipping: [{ to: 'preparing', by: 'seller' }, SHIP],
  delivered: DELIVERED_PATH,
  confirmed: [...DELIVERED_PATH, { to: 'confirmed', by: 'shopper' }],
  cancelled: [{ to: 'cancelled', by: 'shopper', reasonId: 1 }],
  refund_requested: [...DELIVERED_PATH, { to: 'refund_requested', by: 'shopper', reasonId: 5, detail: '한 치수 작아요' }],
  refunded: [...DELIVERED_PATH, { to: 'refund_requested', by: 'shopper', reasonId: 2 }, { to: 'refunded', by: 'seller' }],
};

/**
 * Walks a paid item to `status` through transitionItem, one move per step `stepMs` apart from `start` (for
 * seeds and tests: the history, stock, sales and shipping refunds are exactly what real moves write).
 */
export async function advancePaidItem(
  trx: Transaction<Database>,
  item: { id: number; shopperId: number; sellerId: number },
  status: OrderItemStatus,
  start: Date,
  stepMs = 3_600_000,
): Promise<void> {
  for (const [i, { by, ...step }] of PATHS_FROM_PAID[status].entries()) {
    await transitionItem(trx, {
      ...step,
      itemId: item.id,
      actor: by === 'shopper' ? { kind: 'shopper', id: item.shopperId } : { kind: 'seller', id: item.sellerId },
      now: new Date(start.getTime() + (i + 1) * stepMs),
    });
  }
}
