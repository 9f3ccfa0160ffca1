import type { Db } from '@brandi/db';
import { ORDER_ITEM_STATUS_LABELS } from '@brandi/orders';
import { EXPORT_BATCHES, prefetchedBatches } from '../products/export/batches.js';
import { formatKstMinute, type ExportColumn } from './export-engine.js';
import type { ResolvedOrderFilters } from './filters.js';
import { buildItemRowsQuery, buildPageIdsQuery, type ItemRow } from './list.repository.js';

/** The sheet's columns in API.md's order; widths in Excel character units. */
export const ORDER_EXPORT_COLUMNS: readonly ExportColumn[] = [
  { header: '결제일자', width: 18 },
  { header: '주문번호', width: 18 },
  { header: '주문상세번호', width: 22 },
  { header: '상품명', width: 40 },
  { header: '옵션정보', width: 20 },
  { header: '수량', width: 8 },
  { header: '주문자명', width: 12 },
  { header: '핸드폰번호', width: 16 },
  { header: '결제금액', width: 12 },
  { header: '주문상태', width: 12 },
  { header: '택배사', width: 12 },
  { header: '송장번호', width: 18 },
];

/** The cells of one item, in ORDER_EXPORT_COLUMNS order; quantity and amount stay numbers so they sum. */
export function toOrderExportCells(row: ItemRow): (string | number)[] {
  return [
    formatKstMinute(row.placed_at),
    row.order_no ?? '',
    row.item_no,
    row.product_name,
    `${row.option_color} / ${row.option_size}`,
    row.quantity,
    row.orderer_name,
    row.orderer_phone,
    row.line_total,
    ORDER_ITEM_STATUS_LABELS[row.status],
    row.carrier_name ?? '',
    row.tracking_no ?? '',
  ];
}

/** One keyset batch in the list's default order (newest first on the chosen date, id breaking ties). */
async function readBatch(db: Db, filters: ResolvedOrderFilters, after: ItemRow | undefined, limit: number): Promise<ItemRow[]> {
  const cursor =
    after === undefined
      ? undefined
      : { date: filters.dateColumn === 'placed_at' ? after.placed_at : after.status_changed_at, id: after.id };
  const ids = (await buildPageIdsQuery(db, filters, 'newest', { limit, offset: 0 }, cursor).execute()).map((r) => r.id);
  return ids.length === 0 ? [] : buildItemRowsQuery(db, ids, filters.dateColumn, 'newest').execute();
}

/** Loads the first batch; a failure here happens before any byte is sent, so it still answers as JSON. */
export const readFirstOrderBatch = (db: Db, filters: ResolvedOrderFilters) => readBatch(db, filters, undefined, EXPORT_BATCHES.first);

/** Every matching item, batch after batch (prefetchedBatches, as the product export reads). */
export function readOrderBatches(db: Db, filters: ResolvedOrderFilters, first: ItemRow[]): AsyncGenerator<ItemRow[]> {
  return prefetchedBatches(first, EXPORT_BATCHES, (last, limit) => readBatch(db, filters, last, limit));
}
