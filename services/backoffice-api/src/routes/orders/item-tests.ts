import { sql, type Database } from '@brandi/db';
import type { Kysely, RawBuilder, SelectQueryBuilder } from 'kysely';
import type { ResolvedOrderFilters } from './filters.js';

// What every read of the desk's items shares, whichever table it reads: order_items (`i`) or the name postings
// (`t`, which carry the item's seller, status and dates under the same names and its id as order_item_id).

/** The table an item read ranges over: its alias and the column holding the item's id. */
export type ItemTable = { alias: 'i' | 't'; id: 'id' | 'order_item_id' };
export const ORDER_ITEMS: ItemTable = { alias: 'i', id: 'id' };
export const NAME_POSTINGS: ItemTable = { alias: 't', id: 'order_item_id' };

export type Direction = 'asc' | 'desc';
/** Where a keyset read (the export's batches) resumes: the last item's date and id. */
export type ItemCursor = { date: Date; id: number };
type Window = { limit: number; offset: number };

const column = (table: ItemTable, name: string) => sql.ref(`${table.alias}.${name}`);
const NOTHING = sql<boolean>`FALSE`;
const inList = (ref: RawBuilder<unknown>, values: readonly (string | number)[]) =>
  values.length > 0 ? sql<boolean>`${ref} IN (${sql.join(values)})` : NOTHING;

/** The column the filters' dates and the list's order are on. */
export const dateColumn = (table: ItemTable, f: ResolvedOrderFilters) => column(table, f.dateColumn);

/** The seller scope, statuses, date range and id list as tests on `table`'s columns. */
export function itemFilterTests(table: ItemTable, f: ResolvedOrderFilters): RawBuilder<boolean>[] {
  const tests: RawBuilder<boolean>[] = [];
  if (f.sellerIds !== undefined) tests.push(inList(column(table, 'seller_id'), f.sellerIds));
  if (f.statuses !== undefined) tests.push(inList(column(table, 'status'), f.statuses));
  if (f.fromAt !== undefined) tests.push(sql<boolean>`${dateColumn(table, f)} >= ${f.fromAt}`);
  if (f.toAt !== undefined) tests.push(sql<boolean>`${dateColumn(table, f)} < ${f.toAt}`);
  if (f.ids !== undefined) tests.push(inList(column(table, table.id), f.ids));
  return tests;
}

/** Past `after` in the list's order: one range on the date, ties tested on the id. */
export function pastCursorTests(table: ItemTable, f: ResolvedOrderFilters, direction: Direction, after: ItemCursor): RawBuilder<boolean>[] {
  const [date, id] = [dateColumn(table, f), column(table, table.id)];
  const [to, past] = direction === 'desc' ? [sql.raw('<='), sql.raw('<')] : [sql.raw('>='), sql.raw('>')];
  return [sql<boolean>`${date} ${to} ${after.date}`, sql<boolean>`(${date} ${past} ${after.date} OR ${id} ${past} ${after.id})`];
}

type Run = SelectQueryBuilder<Database, never, { id: number; d: Date }>;

/**
 * Ordered runs (each selecting the item `id` and its date `d`, each sorted and cut at offset + limit by the
 * caller) merged into the page: UNION ALL when no item can be in two runs, else UNION.
 */
export function mergeRuns(db: Kysely<Database>, runs: Run[], distinct: boolean, direction: Direction, window: Window) {
  const derived = runs.map((run, k) => db.selectFrom(run.as(`r${k}`)).selectAll());
  const merged = derived.slice(1).reduce((all, run) => (distinct ? all.union(run) : all.unionAll(run)), derived[0]);
  return db
    .selectFrom(merged.as('u'))
    .select('u.id')
    .orderBy('u.d', direction)
    .orderBy('u.id', direction)
    .limit(window.limit)
    .offset(window.offset);
}
