import { containsPattern, searchWords, sql, type Database, type OrderNameField } from '@brandi/db';
import type { Kysely } from 'kysely';
import type { ResolvedOrderFilters } from './filters.js';
import { itemFilterTests, mergeRuns, NAME_POSTINGS, pastCursorTests, type Direction, type ItemCursor } from './item-tests.js';
import type { OrderSort } from './list.repository.js';

// The desk's "contains" searches on names (ordererName, productName) read order_item_name_tokens (migration
// 20261203000100): a posting per item, name field and token (the runs between spaces of the name, split as
// product names are) carrying the columns the desk filters and orders by and the name. A word holding no
// whitespace occurs in a name only inside one token, so the items whose name contains it are the postings of
// the tokens that contain it: per token an ordered range of the (field, token, [seller | status,] placed_at,
// item) keys, counted index only. A text with whitespace is a phrase: its rarest word's postings are read and
// the whole text is tested on their copy of the name (`name LIKE`, the names' own collation), so the match is
// always the column's `LIKE '%text%'`.

type Executor = Kysely<Database>;

export interface NameSearch {
  kind: 'name';
  field: OrderNameField;
  /** The tokens (of this field) containing the rarest word of the text; none: no name contains it. */
  tokens: string[];
  /** `LIKE` pattern of the whole text, when it has more than one word (else the tokens decide alone). */
  phrase?: string;
}

type PostingFilters = Omit<ResolvedOrderFilters, 'search'>;
type Window = { limit: number; offset: number };

/**
 * The distinct tokens of `field` containing `word` as `name LIKE` would find it: a loose index scan, one dive per
 * distinct (field, token), so it costs the vocabulary, not the postings (MariaDB takes the loose scan only with
 * both key columns in the DISTINCT: with the token alone it read every posting of the field, 2 s at 1M items).
 */
function tokensContaining(db: Executor, field: OrderNameField, word: string) {
  return db
    .selectFrom('order_item_name_tokens as v')
    .select(['v.field', 'v.token'])
    .distinct()
    .where('v.field', '=', field)
    .where(sql<boolean>`v.token COLLATE utf8mb4_unicode_ci LIKE ${containsPattern(word)}`);
}

/** About how many postings `tokens` hold (EXPLAIN's estimate from index dives: no posting is counted). */
async function estimatePostings(db: Executor, field: OrderNameField, tokens: string[]): Promise<number> {
  const plan = await db
    .selectFrom('order_item_name_tokens as t')
    .select('t.order_item_id')
    .where('t.field', '=', field)
    .where('t.token', 'in', tokens)
    .explain();
  return plan.reduce((most, row) => Math.max(most, Number(row.rows ?? 0)), 0);
}

/**
 * The search for `text` (already trimmed) in `field`; undefined when it has no word (blank text: every name
 * contains it, as `LIKE '%%'`).
 */
export async function resolveNameSearch(db: Executor, field: OrderNameField, text: string): Promise<NameSearch | undefined> {
  const words = searchWords(text);
  if (words.length === 0) return undefined;
  const tokenLists = await Promise.all(words.map(async (word) => (await tokensContaining(db, field, word).execute()).map((r) => r.token)));
  const phrase = words.length > 1 ? containsPattern(text) : undefined;
  if (tokenLists.some((tokens) => tokens.length === 0)) return { kind: 'name', field, tokens: [], phrase };
  const sizes = words.length > 1 ? await Promise.all(tokenLists.map((tokens) => estimatePostings(db, field, tokens))) : [0];
  return { kind: 'name', field, tokens: tokenLists[sizes.indexOf(Math.min(...sizes))], phrase };
}

const dateOf = (f: PostingFilters) => (f.dateColumn === 'placed_at' ? 't.placed_at' : 't.status_changed_at') as 't.placed_at';

/** The postings of `tokens` the filters select (past `after`, in the list's order), as `t`. */
function postings(
  db: Executor,
  search: NameSearch,
  f: PostingFilters,
  tokens: string[],
  after?: { direction: Direction; cursor: ItemCursor },
) {
  let query = db.selectFrom('order_item_name_tokens as t').where('t.field', '=', search.field);
  if (tokens.length === 0) query = query.where(sql<boolean>`FALSE`);
  else query = tokens.length === 1 ? query.where('t.token', '=', tokens[0]) : query.where('t.token', 'in', tokens);
  const tests = itemFilterTests(NAME_POSTINGS, f);
  if (after !== undefined) tests.push(...pastCursorTests(NAME_POSTINGS, f, after.direction, after.cursor));
  for (const test of tests) query = query.where(test);
  if (search.phrase !== undefined) query = query.where('t.name', 'like', search.phrase);
  return query;
}

// Past this many tokens the page is one sorted read of all their postings, not an ordered run per token.
const MAX_TOKEN_RUNS = 64;

/**
 * A page of item ids in the chosen date order (id breaks ties), from the postings: per token one ordered run
 * cut at offset + limit, merged (UNION drops an item posted under two of the tokens); `after` resumes a keyset
 * read (the export).
 */
export function buildNamePageIdsQuery(
  db: Executor,
  search: NameSearch,
  f: PostingFilters,
  sort: OrderSort,
  window: Window,
  after?: ItemCursor,
) {
  const direction = sort === 'oldest' ? 'asc' : 'desc';
  const date = dateOf(f);
  const run = (tokens: string[]) =>
    postings(db, search, f, tokens, after && { direction, cursor: after }).select(['t.order_item_id as id', `${date} as d`]);
  const tokens = search.tokens;
  if (tokens.length <= 1 || tokens.length > MAX_TOKEN_RUNS) {
    const read = tokens.length <= 1 ? run(tokens) : run(tokens).distinct();
    return read.orderBy('d', direction).orderBy('id', direction).limit(window.limit).offset(window.offset);
  }
  const runs = tokens.map((token) =>
    run([token])
      .orderBy(date, direction)
      .orderBy('t.order_item_id', direction)
      .limit(window.offset + window.limit),
  );
  return mergeRuns(db, runs, true, direction, window);
}

/** The exact number of items the search and filters select, counted on the postings (an item once). */
export function buildNameCountQuery(db: Executor, search: NameSearch, f: PostingFilters) {
  return postings(db, search, f, search.tokens).select((eb) =>
    (search.tokens.length <= 1 ? eb.fn.countAll<number>() : eb.fn.count<number>('t.order_item_id').distinct()).as('n'),
  );
}

/** SQL: the items a name search selects, for a filter on order_items (`i.id IN (...)`). */
export function itemsNamed(db: Executor, search: NameSearch) {
  return postings(db, search, { dateColumn: 'placed_at' }, search.tokens).select('t.order_item_id');
}
