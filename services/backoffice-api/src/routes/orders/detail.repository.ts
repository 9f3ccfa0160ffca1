import type { Database } from '@brandi/db';
import type { Kysely } from 'kysely';
import type { Actor } from '../../types.js';
import { selectItemRows } from './list.repository.js';
import { toOrderListItem } from './present.js';
import type { OrderItemDetail } from './schemas.js';

type Executor = Kysely<Database>;

/** The item if the actor may see it: a seller only its own products' items (someone else's reads as absent). */
export function findScopedItem(db: Executor, actor: Actor, id: number) {
  let query = selectItemRows(db)
    .select(['o.orderer_email', 'o.recipient', 'o.recipient_phone', 'o.zip_code', 'o.address1', 'o.address2', 'o.shipping_memo'])
    .where('i.id', '=', id);
  if (actor.role !== 'admin') query = query.where('i.seller_id', '=', actor.id);
  return query.executeTakeFirst();
}

/** The item's status lines, newest first, with who moved it (names as they are now) and the reason's text. */
export function findItemHistory(db: Executor, itemId: number) {
  return db
    .selectFrom('order_item_history as h')
    .leftJoin('shoppers as sh', (join) => join.onRef('sh.id', '=', 'h.actor_id').on('h.actor_kind', '=', 'shopper'))
    .leftJoin('sellers as se', (join) => join.onRef('se.id', '=', 'h.actor_id').on('h.actor_kind', 'in', ['seller', 'admin']))
    .leftJoin('order_cancel_reasons as cr', (join) => join.onRef('cr.id', '=', 'h.reason_id').on('h.status', '=', 'cancelled'))
    .leftJoin('order_refund_reasons as rr', (join) => join.onRef('rr.id', '=', 'h.reason_id').on('h.status', '=', 'refund_requested'))
    .select([
      'h.status',
      'h.valid_from',
      'h.valid_to',
      'h.actor_kind',
      'h.actor_id',
      'sh.name as shopper_name',
      'se.name_ko as seller_name',
      'cr.name as cancel_reason',
      'rr.name as refund_reason',
      'h.reason_text',
    ])
    .where('h.order_item_id', '=', itemId)
    .orderBy('h.valid_from', 'desc')
    .orderBy('h.id', 'desc')
    .execute();
}

type HistoryRow = Awaited<ReturnType<typeof findItemHistory>>[number];

/** A reason's name and its free text (refund detail, a rejection's reason, a shipping correction), as one line. */
function reasonOf(row: HistoryRow): string | null {
  const name = row.cancel_reason ?? row.refund_reason;
  if (name && row.reason_text) return `${name}: ${row.reason_text}`;
  return name ?? row.reason_text;
}

function changedByOf(row: HistoryRow): OrderItemDetail['history'][number]['changedBy'] {
  if (row.actor_kind === 'system' || row.actor_id === null) return null;
  const name = row.actor_kind === 'shopper' ? row.shopper_name : row.seller_name;
  return { id: row.actor_id, role: row.actor_kind, name: name ?? '' };
}

/** GET /orders/items/:id: the list item plus the order's shipping address, orderer email, memo and the history. */
export async function loadOrderItemDetail(db: Executor, actor: Actor, id: number): Promise<OrderItemDetail | undefined> {
  const row = await findScopedItem(db, actor, id);
  if (!row) return undefined;
  const history = await findItemHistory(db, id);
  const item = toOrderListItem(row);
  return {
    ...item,
    orderer: { ...item.orderer, email: row.orderer_email },
    shipping: {
      recipient: row.recipient,
      phone: row.recipient_phone,
      zipCode: row.zip_code,
      address1: row.address1,
      address2: row.address2,
    },
    shippingMemo: row.shipping_memo,
    history: history.map((h) => ({
      status: h.status,
      validFrom: h.valid_from.toISOString(),
      validTo: h.valid_to === null ? null : h.valid_to.toISOString(),
      changedBy: changedByOf(h),
      reason: reasonOf(h),
    })),
  };
}
