import type { Database, OrderItemStatus, OrderNameField } from '@brandi/db';
import { ValidationError } from '@brandi/errors';
import { escapeLike } from '@brandi/http';
import type { Kysely } from 'kysely';
import { kstDayEnd, kstDayStart } from '../../kst-days.js';
import type { Actor } from '../../types.js';
import { kstDay, ORDER_ITEM_STATUSES } from '@brandi/orders';
import { resolveNameSearch, type NameSearch } from './name-search.js';
import { MIN_NUMBER_PREFIX, MIN_PHONE_DIGITS, type OrderFilterQuery, type OrderSearchField } from './schemas.js';

type Executor = Kysely<Database>;

/**
 * How a search reads: items by a column of their own, by the orders (ids) it matched, or by name postings. A
 * number search whose first 8 characters are a day (the order's KST day, as order and item numbers start) also
 * carries that day's placement range, so the items are a range of a placed_at index; `dayOnly`: the text is the
 * day itself, which the range alone decides.
 */
export type ItemSearch =
  | { kind: 'itemNo'; prefix: string; placed?: PlacedDay }
  | { kind: 'orders'; field: 'orderNo' | 'ordererPhone'; pattern: string; orderIds?: number[]; placed?: PlacedDay }
  | NameSearch;

export type PlacedDay = { fromAt: Date; toAt: Date; dayOnly: boolean };

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

/** The placement day a number prefix starts with (YYYYMMDD, a real calendar day), if it does. */
function placedDayOf(text: string): PlacedDay | undefined {
  const day = /^(\d{4})(\d{2})(\d{2})/.exec(text);
  if (day === null) return undefined;
  const fromAt = kstDayStart(`${day[1]}-${day[2]}-${day[3]}`);
  if (Number.isNaN(fromAt.getTime()) || kstDay(fromAt) !== day[0]) return undefined;
  return { fromAt, toAt: kstDayEnd(`${day[1]}-${day[2]}-${day[3]}`), dayOnly: text.length === day[0].length };
}

type FoundSearch =
  | Exclude<ItemSearch, NameSearch>
  | { kind: 'sellerName'; pattern: string }
  | { kind: 'names'; field: OrderNameField; text: string };

/** Checks `q` against its field and returns the search, or 400 naming `q`. */
function searchOf(field: OrderSearchField, q: string): FoundSearch {
  const text = q.trim();
  switch (field) {
    case 'orderNo':
    case 'itemNo':
      if (text.length < MIN_NUMBER_PREFIX)
        throw badSearch(`must be the whole number or at least its first ${MIN_NUMBER_PREFIX} characters`);
      return field === 'itemNo'
        ? { kind: 'itemNo', prefix: `${escapeLike(text)}%`, placed: placedDayOf(text) }
        : { kind: 'orders', field, pattern: `${escapeLike(text)}%`, placed: placedDayOf(text) };
    case 'ordererPhone': {
      const digits = text.replace(/[-\s]/g, '');
      if (!/^[0-9]+$/.test(digits) || digits.length < MIN_PHONE_DIGITS)
        throw badSearch(`must be at least ${MIN_PHONE_DIGITS} digits of the phone number (hyphens are ignored)`);
      return { kind: 'orders', field, pattern: `${digits}%` };
    }
    case 'ordererName':
      return { kind: 'names', field: 'orderer', text };
    case 'productName':
      return { kind: 'names', field: 'product', text };
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

const ORDER_COLUMN = { orderNo: 'order_no', ordererPhone: 'orderer_phone_digits' } as const;

/** The orders an order search matches, read off its index; undefined when there are more than MAX_ORDER_IDS. */
async function ordersMatching(db: Executor, search: Extract<ItemSearch, { kind: 'orders' }>): Promise<number[] | undefined> {
  const rows = await db
    .selectFrom('orders')
    .select('id')
    .where(ORDER_COLUMN[search.field], 'like', search.pattern)
    .limit(MAX_ORDER_IDS + 1)
    .execute();
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
    else if (found.kind === 'names') search = await resolveNameSearch(db, found.field, found.text);
    // A day's orders are that day's items (the range decides); a longer prefix is checked against its orders too.
    else if (found.kind === 'orders' && found.placed?.dayOnly !== true) search = { ...found, orderIds: await ordersMatching(db, found) };
    else search = found;
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
