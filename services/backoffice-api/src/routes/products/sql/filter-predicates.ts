import { discountWindowContains, sql, type Database } from '@brandi/db';
import { escapeLike } from '@brandi/http';
import type { Kysely, RawBuilder } from 'kysely';
import { kstDayEnd, kstDayStart } from '../../../kst-days.js';
import type { ProductFilterQuery } from '../routes/filter-query.js';

// The filter → SQL predicate map: every filter tested on a product's own columns, written once for every reader
// (the list on products `p` or on product_token_facets `f`, the export on `p`). Seller filters (sellerName,
// sellerAttributeIds, sellerId) are not here: the planner resolves them to seller ids (sellers.ts).

type RowFilterName = 'registeredFrom' | 'registeredTo' | 'onSale' | 'displayed' | 'discounted';
interface RowFilter<K extends RowFilterName> {
  /** The test on the row aliased `alias`. */
  test: (value: NonNullable<ProductFilterQuery[K]>, alias: string, now: Date) => RawBuilder<boolean>;
  /** Whether product_token_facets holds the columns the test reads (a name search can then read the facets). */
  onFacets: boolean;
}

const col = (alias: string, name: string) => sql.ref(`${alias}.${name}`);

export const ROW_FILTERS: { [K in RowFilterName]: RowFilter<K> } = {
  registeredFrom: { test: (day, a) => sql<boolean>`${col(a, 'created_at')} >= ${kstDayStart(day)}`, onFacets: true },
  registeredTo: { test: (day, a) => sql<boolean>`${col(a, 'created_at')} < ${kstDayEnd(day)}`, onFacets: true },
  onSale: { test: (onSale, a) => sql<boolean>`${col(a, 'is_on_sale')} = ${onSale}`, onFacets: true },
  displayed: { test: (displayed, a) => sql<boolean>`${col(a, 'is_displayed')} = ${displayed}`, onFacets: true },
  discounted: {
    test: (discounted, a, now) => {
      const window = discountWindowContains(`${a}.discount_starts_at`, `${a}.discount_ends_at`, now);
      const active = sql<boolean>`(${col(a, 'discount_rate')} > 0 AND ${window})`;
      return discounted ? active : sql<boolean>`NOT ${active}`;
    },
    onFacets: true,
  },
};

const ROW_FILTER_NAMES = Object.keys(ROW_FILTERS) as RowFilterName[];

/** The row filters set in `filters`, as tests on the row aliased `alias`, in the map's order. */
export function rowFilterTests(filters: ProductFilterQuery, alias: string, now: Date): RawBuilder<boolean>[] {
  return ROW_FILTER_NAMES.filter((name) => filters[name] !== undefined).map((name) =>
    (ROW_FILTERS[name].test as (value: unknown, alias: string, now: Date) => RawBuilder<boolean>)(filters[name], alias, now),
  );
}

/** Whether every row filter set can be tested on product_token_facets. */
export const rowFiltersOnFacets = (filters: ProductFilterQuery) =>
  ROW_FILTER_NAMES.every((name) => filters[name] === undefined || ROW_FILTERS[name].onFacets);

/** `q` on the products row `p`: each name word as LIKE (the name decides), or the exact id or code. */
export function searchTests(filters: ProductFilterQuery): RawBuilder<boolean>[] {
  if (filters.q === undefined) return [];
  const field = filters.searchField ?? 'name';
  const text = filters.q.trim();
  if (field === 'code') return [sql<boolean>`p.code = ${text}`];
  // A non-numeric id matches no product rather than failing the whole list.
  if (field === 'id') return [sql<boolean>`p.id = ${/^[1-9][0-9]{0,9}$/.test(text) ? Number(text) : 0}`];
  return nameWords(filters.q).map((word) => sql<boolean>`p.name LIKE ${nameContainsPattern(word)}`);
}

/** The tests joined with AND (TRUE for none). */
export const all = (tests: RawBuilder<boolean>[]) =>
  tests.length === 0 ? sql<boolean>`TRUE` : sql<boolean>`(${sql.join(tests, sql` AND `)})`;

/** The LIKE pattern of one word of a name search: anywhere in the name, `%` and `_` literal. */
export const nameContainsPattern = (word: string) => `%${escapeLike(word)}%`;

/**
 * The words of a name search: `q` split on whitespace (including the no-break and ideographic spaces the names'
 * collation equates with a space). A name matches when it contains every word; a word has no space in it, so
 * it can only occur inside one token and the name-token postings answer it.
 */
export const nameWords = (q: string) => q.split(/\s+/).filter((word) => word.length > 0);

/** Whether this is a name search (its words are then found through the postings). */
export function isTokenNameSearch<F extends ProductFilterQuery>(filters: F): filters is F & { q: string } {
  return filters.q !== undefined && (filters.searchField ?? 'name') === 'name' && nameWords(filters.q).length > 0;
}

/** Vocabulary tokens containing a word, compared with the names' own collation (case and accents as `name LIKE`). */
export function nameTokensContaining(db: Kysely<Database>, word: string) {
  return db
    .selectFrom('name_tokens as v')
    .select('v.token')
    .where(sql<boolean>`v.token COLLATE utf8mb4_unicode_ci LIKE ${nameContainsPattern(word)}`);
}
