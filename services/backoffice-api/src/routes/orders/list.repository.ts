import { sql, type Database, type OrderItemStatus } from '@brandi/db';
import type { Kysely } from 'kysely';
import type { ResolvedOrderFilters } from './filters.js';
import { itemFilterTests, mergeRuns, ORDER_ITEMS, pastCursorTests, type Direction, type ItemCursor } from './item-tests.js';
import { buildNameCountQuery, buildNamePageIdsQuery, itemsNamed } from './name-search.js';

type Executor = Kysely<Database>;
type Window = { limit: number; offset: number };
export type { ItemCursor } from './item-tests.js';
export type OrderSort = 'newest' | 'oldest';

const NOTHING = sql<boolean>`FALSE`;

const dateOf = (f: ResolvedOrderFilters) => (f.dateColumn === 'placed_at' ? 'i.placed_at' : 'i.status_changed_at') as 'i.placed_at';

/**
 * The items the filters select, as `i`: each filter is a condition on order_items alone (an order search has
 * become order ids, or a semi-join when it matched too many), so every plan reads one of the item indexes.
 * No select list, order or limit.
 */
export function filteredItems(db: Executor, f: ResolvedOrderFilters, after?: { direction: Direction; cursor: ItemCursor }) {
  let query = db.selectFrom('order_items as i');
  const tests = itemFilterTests(ORDER_ITEMS, f);
  if (after !== undefined) tests.push(...pastCursorTests(ORDER_ITEMS, f, after.direction, after.cursor));
  for (const test of tests) query = query.where(test);
  const search = f.search;
  if (search?.kind === 'name') return query.where('i.id', 'in', itemsNamed(db, search));
  if (search?.placed !== undefined)
    query = query.where('i.placed_at', '>=', search.placed.fromAt).where('i.placed_at', '<', search.placed.toAt);
  if (search?.kind === 'itemNo') query = query.where('i.item_no', 'like', search.prefix);
  if (search?.kind === 'orders' && search.placed?.dayOnly !== true) {
    if (search.orderIds === undefined) {
      const column = { orderNo: 'o.order_no', ordererPhone: 'o.orderer_phone_digits' } as const;
      query = query.where(
        'i.order_id',
        'in',
        db.selectFrom('orders as o').select('o.id').where(column[search.field], 'like', search.pattern),
      );
    } else {
      query = search.orderIds.length > 0 ? query.where('i.order_id', 'in', search.orderIds) : query.where(NOTHING);
    }
  }
  return query;
}

/**
 * A page of ids in the chosen date order (id breaks ties). Several statuses with nothing narrower are read as
 * one ordered run of the (seller ×) status × date index per status, each cut at offset + limit and merged:
 * as `status IN (...)` MariaDB read every matching entry and sorted them.
 */
export function buildPageIdsQuery(db: Executor, f: ResolvedOrderFilters, sort: OrderSort, window: Window, after?: ItemCursor) {
  if (f.search?.kind === 'name') return buildNamePageIdsQuery(db, f.search, f, sort, window, after);
  const direction = sort === 'oldest' ? 'asc' : 'desc';
  const date = dateOf(f);
  const statuses = f.statuses ?? [];
  const items = (filters: ResolvedOrderFilters) => filteredItems(db, filters, after && { direction, cursor: after });
  if (statuses.length > 1 && f.search === undefined && f.ids === undefined && (f.sellerIds?.length ?? 0) <= 1) {
    const runs = statuses.map((status) =>
      items({ ...f, statuses: [status] })
        .select(['i.id', `${date} as d`])
        .orderBy(date, direction)
        .orderBy('i.id', direction)
        .limit(window.offset + window.limit),
    );
    return mergeRuns(db, runs, false, direction, window);
  }
  return items(f).select('i.id').orderBy(date, direction).orderBy('i.id', direction).limit(window.limit).offset(window.offset);
}

/** Whether the total can be summed from order_item_counts (seller × status): no date, search or id filter. */
const countable = (f: ResolvedOrderFilters) =>
  f.fromAt === undefined && f.toAt === undefined && f.search === undefined && f.ids === undefined;

export function buildCounterTotalQuery(db: Executor, f: ResolvedOrderFilters) {
  let query = db.selectFrom('order_item_counts as c').select((eb) => eb.fn.coalesce(eb.fn.sum<number>('c.item_count'), eb.lit(0)).as('n'));
  if (f.sellerIds !== undefined) query = f.sellerIds.length > 0 ? query.where('c.seller_id', 'in', f.sellerIds) : query.where(NOTHING);
  if (f.statuses !== undefined) query = f.statuses.length > 0 ? query.where('c.status', 'in', f.statuses) : query.where(NOTHING);
  return query;
}

export function buildCountQuery(db: Executor, f: ResolvedOrderFilters) {
  if (f.search?.kind === 'name') return buildNameCountQuery(db, f.search, f);
  return filteredItems(db, f).select((eb) => eb.fn.countAll<number>().as('n'));
}

/** The exact number of items the filters select: from the counters when they can answer it, else counted. */
export async function countItems(db: Executor, f: ResolvedOrderFilters): Promise<number> {
  const row = await (countable(f) ? buildCounterTotalQuery(db, f) : buildCountQuery(db, f)).executeTakeFirstOrThrow();
  return Number(row.n ?? 0);
}

/** Everything a list item shows, for the given ids, in the list's order. */
export function buildItemRowsQuery(db: Executor, ids: number[], date: 'placed_at' | 'status_changed_at', sort: OrderSort) {
  const direction = sort === 'oldest' ? 'asc' : 'desc';
  return selectItemRows(db)
    .where('i.id', 'in', ids)
    .orderBy(date === 'placed_at' ? 'i.placed_at' : 'i.status_changed_at', direction)
    .orderBy('i.id', direction);
}

/** The list item's columns, joined as `i` (items), `o` (orders), `s` (sellers) and the reference tables. */
export function selectItemRows(db: Executor) {
  return db
    .selectFrom('order_items as i')
    .innerJoin('orders as o', 'o.id', 'i.order_id')
    .innerJoin('sellers as s', 's.id', 'i.seller_id')
    .leftJoin('carriers as c', 'c.id', 'i.carrier_id')
    .leftJoin('order_cancel_reasons as cr', 'cr.id', 'i.cancel_reason_id')
    .leftJoin('order_refund_reasons as rr', 'rr.id', 'i.refund_reason_id')
    .select([
      'i.id',
      'i.item_no',
      'o.order_no',
      'i.placed_at',
      'i.status',
      'i.status_changed_at',
      'i.product_id',
      'i.product_code',
      'i.product_name',
      'i.option_color',
      'i.option_size',
      'i.quantity',
      'i.unit_price',
      'i.line_total',
      'o.orderer_name',
      'o.orderer_phone',
      'i.seller_id',
      's.name_ko as seller_name',
      'i.carrier_id',
      'c.name as carrier_name',
      'i.tracking_no',
      'cr.name as cancel_reason',
      'rr.name as refund_reason',
      'i.refund_detail',
      'i.refund_amount',
    ]);
}
export type ItemRow = Awaited<ReturnType<ReturnType<typeof selectItemRows>['execute']>>[number];

/** A page and its exact total. */
export async function findOrderItemPage(
  db: Executor,
  f: ResolvedOrderFilters,
  sort: OrderSort,
  window: Window,
): Promise<{ rows: ItemRow[]; total: number }> {
  const [ids, total] = await Promise.all([
    buildPageIdsQuery(db, f, sort, window)
      .execute()
      .then((rows) => rows.map((r) => r.id)),
    countItems(db, f),
  ]);
  const rows = ids.length === 0 ? [] : await buildItemRowsQuery(db, ids, f.dateColumn, sort).execute();
  return { rows, total };
}

/** Items per status in a scope, from the counters (no item is read). */
export async function summarizeStatuses(db: Executor, sellerId: number | undefined): Promise<Map<OrderItemStatus, number>> {
  let query = db.selectFrom('order_item_counts as c').select(['c.status', (eb) => eb.fn.sum<number>('c.item_count').as('n')]);
  if (sellerId !== undefined) query = query.where('c.seller_id', '=', sellerId);
  const rows = await query.groupBy('c.status').execute();
  return new Map(rows.map((r) => [r.status, Number(r.n)]));
}
