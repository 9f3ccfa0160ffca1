import { badRequest } from '@brandi/http';
import type { Database, OrderItemStatus } from '@brandi/db';
import type { ObjectStore } from '@brandi/storage';
import type { Kysely } from 'kysely';
import type { OrderSummary } from './schemas.js';

type Executor = Kysely<Database>;

interface OrderCursor {
  placedAt: number;
  id: number;
}

export function encodeOrderCursor(c: OrderCursor): string {
  return Buffer.from(JSON.stringify([c.placedAt, c.id])).toString('base64url');
}

export function decodeOrderCursor(text: string): OrderCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const [placedAt, id] = Array.isArray(parsed) && parsed.length === 2 ? (parsed as unknown[]) : [];
  const valid =
    Number.isSafeInteger(placedAt) &&
    (placedAt as number) >= Date.UTC(1000, 0, 1) &&
    (placedAt as number) <= Date.UTC(9999, 11, 31) &&
    Number.isSafeInteger(id) &&
    (id as number) >= 1;
  if (!valid) throw badRequest('Invalid cursor', [{ field: 'cursor', message: 'is not a cursor this API issued' }]);
  return { placedAt: placedAt as number, id: id as number };
}

/**
 * The ids (and placing times) of one page of a shopper's orders plus one, newest first (placed_at, id). Without
 * a status the page comes off ix_orders_shopper_placed; with one, the order ids come off
 * ix_order_items_shopper_status in the same order.
 */
export function buildMyOrderIdsQuery(
  db: Executor,
  shopperId: number,
  options: { limit: number; cursor?: OrderCursor; status?: OrderItemStatus },
) {
  const { limit, cursor, status } = options;
  const at = cursor && new Date(cursor.placedAt);
  if (status) {
    return db
      .selectFrom('order_items')
      .select(['order_id as id', 'placed_at'])
      .distinct()
      .where('shopper_id', '=', shopperId)
      .where('status', '=', status)
      .$if(cursor !== undefined, (q) =>
        q.where((eb) => eb.or([eb('placed_at', '<', at!), eb.and([eb('placed_at', '=', at!), eb('order_id', '<', cursor!.id)])])),
      )
      .orderBy('placed_at', 'desc')
      .orderBy('order_id', 'desc')
      .limit(limit + 1);
  }
  return db
    .selectFrom('orders')
    .select(['id', 'placed_at'])
    .where('shopper_id', '=', shopperId)
    .$if(cursor !== undefined, (q) =>
      q.where((eb) => eb.or([eb('placed_at', '<', at!), eb.and([eb('placed_at', '=', at!), eb('id', '<', cursor!.id)])])),
    )
    .orderBy('placed_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1);
}

/**
 * One page of a shopper's orders (buildMyOrderIdsQuery), each with its item count, first item and statuses.
 */
export async function findMyOrderPage(
  db: Executor,
  store: ObjectStore,
  shopperId: number,
  options: { limit: number; cursor?: OrderCursor; status?: OrderItemStatus },
): Promise<{ items: OrderSummary[]; nextCursor: string | null }> {
  const { limit } = options;
  const pageIds = await buildMyOrderIdsQuery(db, shopperId, options).execute();
  const page = pageIds.slice(0, limit);
  if (page.length === 0) return { items: [], nextCursor: null };
  const ids = page.map((p) => p.id);
  const [orders, items] = await Promise.all([
    db.selectFrom('orders').select(['id', 'order_no', 'placed_at', 'total']).where('id', 'in', ids).execute(),
    db
      .selectFrom('order_items as i')
      .innerJoin('products as p', 'p.id', 'i.product_id')
      .select(['i.order_id', 'i.product_id', 'i.product_name', 'p.main_image_key', 'i.option_color', 'i.option_size', 'i.status'])
      .where('i.order_id', 'in', ids)
      .orderBy('i.order_id')
      .orderBy('i.id')
      .execute(),
  ]);
  const byId = new Map(orders.map((o) => [o.id, o]));
  const summaries = page.map(({ id }) => {
    const order = byId.get(id)!;
    const own = items.filter((i) => i.order_id === id);
    const first = own[0];
    return {
      id,
      orderNo: order.order_no ?? '',
      placedAt: order.placed_at.toISOString(),
      total: order.total,
      itemCount: own.length,
      firstItem: {
        product: {
          id: first.product_id,
          name: first.product_name,
          imageUrl: first.main_image_key === null ? null : store.publicUrl(first.main_image_key),
        },
        option: { color: first.option_color, size: first.option_size },
      },
      statuses: [...new Set(own.map((i) => i.status))],
    };
  });
  const last = page[page.length - 1];
  return {
    items: summaries,
    nextCursor: pageIds.length > limit ? encodeOrderCursor({ placedAt: last.placed_at.getTime(), id: last.id }) : null,
  };
}
