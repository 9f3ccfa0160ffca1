import type { ItemRow } from './list.repository.js';
import type { OrderListItem } from './schemas.js';

/** One item as the list (and the detail, before its extras) shows it. */
export function toOrderListItem(row: ItemRow): OrderListItem {
  return {
    id: row.id,
    itemNo: row.item_no,
    // order_no is written right after the order's insert, in the same transaction: never null once committed.
    orderNo: row.order_no ?? '',
    placedAt: row.placed_at.toISOString(),
    status: row.status,
    statusChangedAt: row.status_changed_at.toISOString(),
    product: { id: row.product_id, code: row.product_code, name: row.product_name },
    option: { color: row.option_color, size: row.option_size },
    quantity: row.quantity,
    unitPrice: row.unit_price,
    lineTotal: row.line_total,
    orderer: { name: row.orderer_name, phone: row.orderer_phone },
    seller: { id: row.seller_id, nameKo: row.seller_name },
    carrier: row.carrier_id === null || row.carrier_name === null ? null : { id: row.carrier_id, name: row.carrier_name },
    trackingNo: row.tracking_no,
    cancel: row.cancel_reason === null ? null : { reason: row.cancel_reason },
    refund: row.refund_reason === null ? null : { reason: row.refund_reason, detail: row.refund_detail, amount: row.refund_amount },
  };
}
