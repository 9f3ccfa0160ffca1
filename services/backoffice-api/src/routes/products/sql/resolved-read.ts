import { sellerIsListed, sellerIsUnlisted, type Database } from '@brandi/db';
import { escapeLike } from '@brandi/http';
import type { Kysely } from 'kysely';
import type { Actor } from '../../../types.js';
import { sellerAttributeIdsOf, type ProductFilterQuery, type ResolvedProductFilters } from '../routes/filter-query.js';
import { isTokenNameSearch, nameTokensContaining, nameWords, rowFiltersOnFacets } from './filter-predicates.js';

// The first half of planning a product read: the user's filters resolved against the sellers and the name
// vocabulary. Sellers are resolved to ids first (5,000 rows): the attribute and name filters, a seller's own
// scope and `sellerId` become one allowed list, and without one the sellers that do not list (no attribute)
// become an excluded list. Every filter is then a column test on one index entry, so no read joins sellers.

type Executor = Kysely<Database>;

/** Who reads, and the instant "discounted now" is decided at. */
export interface ProductScope {
  actor: Actor;
  now: Date;
}

export interface ResolvedRead extends ProductScope {
  filters: ResolvedProductFilters;
  /** Only these sellers (sorted); undefined: any seller but those in `excluded`. */
  allowed?: number[];
  /** Sellers without an attribute, left out when there is no allowed list. */
  excluded: number[];
  /** The name search's words and, per word, the vocabulary tokens containing it. */
  words?: { word: string; tokens: string[] }[];
  /** Which word drives a facets read (see leadWord), once decided. */
  lead?: Promise<number>;
  /** The token pairs of two words that share few names (see pairRoute), once decided; undefined: none. */
  pairs?: Promise<[string, string][] | undefined>;
}

/**
 * A seller name becomes the ids of the sellers it matches (5,000 sellers are read in a few ms), so products are
 * filtered by `seller_id` whatever drives the read. As a join filter on the seller's name MariaDB scanned a
 * whole date range and joined every row's seller (0.37 s for one seller's month at 1M products).
 */
export async function resolveSellerName(db: Executor, filters: ProductFilterQuery): Promise<ResolvedProductFilters> {
  if (filters.sellerName === undefined) return filters;
  const pattern = `%${escapeLike(filters.sellerName)}%`;
  const sellers = await db
    .selectFrom('sellers')
    .select('id')
    .where((eb) => eb.or([eb('name_ko', 'like', pattern), eb('name_en', 'like', pattern)]))
    .orderBy('id')
    .execute();
  return { ...filters, sellersNamed: sellers.map((s) => s.id) };
}

const intersect = (a: number[] | undefined, b: number[]) => (a === undefined ? b : b.filter((id) => a.includes(id)));

/** Resolves sellers and name tokens; the rest of the filters are used as given. */
export async function resolveProductRead(db: Executor, actor: Actor, given: ResolvedProductFilters, now: Date): Promise<ResolvedRead> {
  // A name search of spaces only matches every name (as `LIKE '%%'`): it filters nothing.
  const blank = given.q !== undefined && (given.searchField ?? 'name') === 'name' && nameWords(given.q).length === 0;
  const filters: ResolvedProductFilters = blank ? { ...given, q: undefined, searchField: undefined } : given;
  const [attributed, unattributed] = await Promise.all([
    db
      .selectFrom('sellers as s')
      .select('s.id')
      .where((eb) =>
        filters.sellerAttributeIds !== undefined
          ? eb('s.attribute_id', 'in', sellerAttributeIdsOf(filters.sellerAttributeIds))
          : sellerIsListed('s'),
      )
      .orderBy('s.id')
      .execute(),
    db.selectFrom('sellers as s').select('s.id').where(sellerIsUnlisted('s')).orderBy('s.id').execute(),
  ]);
  let allowed: number[] | undefined;
  if (filters.sellerAttributeIds !== undefined) allowed = attributed.map((s) => s.id);
  const named = new Set(filters.sellersNamed ?? []);
  if (filters.sellersNamed !== undefined) allowed = (allowed ?? attributed.map((s) => s.id)).filter((id) => named.has(id));
  if (filters.sellerId !== undefined) allowed = intersect(allowed, [filters.sellerId]);
  if (actor.role !== 'admin') allowed = intersect(allowed, [actor.id]);
  const excludedIds = unattributed.map((s) => s.id);
  // A seller without an attribute never lists (the list joins the attribute).
  if (allowed !== undefined) allowed = allowed.filter((id) => !excludedIds.includes(id));
  const read: ResolvedRead = { actor, filters, allowed, excluded: excludedIds, now };
  if (isTokenNameSearch(filters)) read.words = await wordTokens(db, nameWords(filters.q));
  return read;
}

/** Each word with the vocabulary tokens containing it. */
export const wordTokens = (db: Executor, words: string[]) =>
  Promise.all(words.map(async (word) => ({ word, tokens: (await nameTokensContaining(db, word).execute()).map((t) => t.token) })));

/** True when the filters cannot match any product (a word no live name holds, no allowed seller). */
export const matchesNothing = (read: ResolvedRead) => read.allowed?.length === 0 || (read.words ?? []).some((w) => w.tokens.length === 0);

// Sellers few enough to read one by one (each an ordered range of ix_products_seller_live).
export const MAX_SELLER_BRANCHES = 200;

/** Whether the name search reads product_token_facets (an admin's, not narrowed to a few sellers). */
export function usesFacets(read: ResolvedRead): boolean {
  if (read.words === undefined || !rowFiltersOnFacets(read.filters)) return false;
  return read.actor.role === 'admin' && (read.allowed === undefined || read.allowed.length > MAX_SELLER_BRANCHES);
}
