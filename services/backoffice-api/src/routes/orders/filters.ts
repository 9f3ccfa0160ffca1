import type { Database, OrderItemStatus } from '@brandi/db';
import { ValidationError } from '@brandi/errors';
import { escapeLike } from '@brandi/http';
import type { Kysely } from 'kysely';
import { kstDayEnd, kstDayStart } from '../../kst-days.js';
import type { Actor } from '../../types.js';
import { ORDER_ITEM_STATUSES } from '@brandi/orders';
import { MIN_NUMBER_PREFIX, MIN_PHONE_DIGITS, type OrderFilterQuery, type OrderSearchField } from './schemas.js';

type Executor = Kysely<Database>;

/** How a search reads: items by a column of their own, or by the orders (ids) it matched. */
export type ItemSearch =
  | { kind: 'itemNo'; prefix: string }
  | { kind: 'productName'; pattern: string; names?: string[] }
  | { kind: 'orders'; field: 'orderNo' | 'ordererPhone' | 'ordererName'; orderIds?: number[]; pattern: string; names?: string[] };

/**
 * The filters in the form the queries use: seller scope, an admin's `sellerId` and a seller name all become one
 * seller id list (undefined: every seller), days become instants, the search its pattern.
 */
export interface ResolvedOrderFilters {
  sellerIds?: number[];
  statuses?: OrderItemStatus[];
  dateColumn: 'placed_at' | 'status_changed_at';
  fromAt?: Date;
  toAt?: Date;
  search?: ItemSearch;
  ids?: number[];
}

// Orders a search may name by id; past this the search is a join filter.
const MAX_ORDER_IDS = 5_000;

function statusesOf(list: string): OrderItemStatus[] {
  const wanted = new Set(list.split(',').map((s) => s.trim()));
  return ORDER_ITEM_STATUSES.filter((s) => wanted.has(s));
}

const badSearch = (message: string) => new ValidationError([{ field: 'q', message }]);

/** Checks `q` against its field and returns the search, or 400 naming `q`. */
function searchOf(field: OrderSearchField, q: string): ItemSearch | { kind: 'sellerName'; pattern: string } {
  const text = q.trim();
  switch (field) {
    case 'orderNo':
    case 'itemNo':
      if (text.length < MIN_NUMBER_PREFIX)
        throw badSearch(`must be the whole number or at least its first ${MIN_NUMBER_PREFIX} characters`);
      return field === 'itemNo'
        ? { kind: 'itemNo', prefix: `${escapeLike(text)}%` }
        : { kind: 'orders', field, pattern: `${escapeLike(text)}%` };
    case 'ordererPhone': {
      const digits = text.replace(/[-\s]/g, '');
      if (!/^[0-9]+$/.test(digits) || digits.length < MIN_PHONE_DIGITS)
        throw badSearch(`must be at least ${MIN_PHONE_DIGITS} digits of the phone number (hyphens are ignored)`);
      return { kind: 'orders', field, pattern: `${digits}%` };
    }
    case 'ordererName':
      return { kind: 'orders', field, pattern: `%${escapeLike(text)}%` };
    case 'productName':
      return { kind: 'productName', pattern: `%${escapeLike(text)}%` };
    case 'sellerName':
      return { kind: 'sellerName', pattern: `%${escapeLike(text)}%` };
  }
}

async function sellersNamed(db: Executor, pattern: string): Promise<number[]> {
  const rows = await db
    .selectFrom('sellers')
    .select('id')
    .where((eb) => eb.or([eb('name_ko', 'like', pattern), eb('name_en', 'like', pattern)]))
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

const ORDER_COLUMN = { orderNo: 'order_no', ordererPhone: 'orderer_phone_digits', ordererName: 'orderer_name' } as const;

/**
 * The distinct values of a name column that contain the search text: MariaDB and MySQL read one index entry per
 * distinct name (a loose index scan), so a contains-search costs what the vocabulary costs, not the orders.
 */
async function namesContaining(db: Executor, column: 'orderer_name' | 'product_name', pattern: string): Promise<string[]> {
  const query =
    column === 'orderer_name'
      ? db.selectFrom('orders').select('orderer_name as name').distinct().where('orderer_name', 'like', pattern)
      : db.selectFrom('order_items').select('product_name as name').distinct().where('product_name', 'like', pattern);
  return (await query.execute()).map((r) => r.name);
}

/** The orders an order search matches, read off its index; undefined when there are more than MAX_ORDER_IDS. */
async function ordersMatching(db: Executor, search: Extract<ItemSearch, { kind: 'orders' }>): Promise<number[] | undefined> {
  let query = db.selectFrom('orders').select('id');
  query =
    search.names === undefined
      ? query.where(ORDER_COLUMN[search.field], 'like', search.pattern)
      : search.names.length > 0
        ? query.where('orderer_name', 'in', search.names)
        : query.where((eb) => eb.lit(false));
  const rows = await query.limit(MAX_ORDER_IDS + 1).execute();
  return rows.length > MAX_ORDER_IDS ? undefined : rows.map((r) => r.id);
}

const intersect = (a: number[] | undefined, b: number[]) => (a === undefined ? b : a.filter((id) => b.includes(id)));

/** Resolves the query's filters for `actor`: a seller is always narrowed to itself. */
export async function resolveOrderFilters(
  db: Executor,
  actor: Actor,
  query: OrderFilterQuery,
  ids?: number[],
): Promise<ResolvedOrderFilters> {
  if (query.q !== undefined && query.searchField === undefined)
    throw new ValidationError([{ field: 'searchField', message: 'is required with q' }]);
  let sellerIds: number[] | undefined = actor.role === 'admin' ? undefined : [actor.id];
  if (query.sellerId !== undefined) sellerIds = intersect(sellerIds, [query.sellerId]);
  let search: ItemSearch | undefined;
  if (query.q !== undefined && query.searchField !== undefined) {
    const found = searchOf(query.searchField, query.q);
    if (found.kind === 'sellerName') sellerIds = intersect(sellerIds, await sellersNamed(db, found.pattern));
    else if (found.kind === 'productName') search = { ...found, names: await namesContaining(db, 'product_name', found.pattern) };
    else if (found.kind === 'orders') {
      const named = found.field === 'ordererName' ? { ...found, names: await namesContaining(db, 'orderer_name', found.pattern) } : found;
      // One seller's items are few enough to check against their orders by key; ids are for wider scopes.
      search = sellerIds?.length === 1 && named.names !== undefined ? named : { ...named, orderIds: await ordersMatching(db, named) };
    } else search = found;
  }
  return {
    sellerIds,
    statuses: query.status === undefined ? undefined : statusesOf(query.status),
    dateColumn: query.dateField === 'status' ? 'status_changed_at' : 'placed_at',
    fromAt: query.from === undefined ? undefined : kstDayStart(query.from),
    toAt: query.to === undefined ? undefined : kstDayEnd(query.to),
    search,
    ids,
  };
}
