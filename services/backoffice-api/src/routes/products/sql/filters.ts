import { discountWindowContains, type Database } from '@brandi/db';
import { escapeLike, IdList, parseIdList } from '@brandi/http';
import { sql, type Kysely } from 'kysely';
import Type, { type Static } from 'typebox';
import type { Actor } from '../../../types.js';
import { kstDayEnd, kstDayStart } from '../../../kst-days.js';
import { scopedProducts } from './scope.js';

const Day = Type.String({ format: 'date', description: 'A registration day in Asia/Seoul (YYYY-MM-DD), inclusive' });

/** The product list filters shared by GET /products and GET /products/export (no paging, no sort). */
export const ProductFilterQuery = Type.Object({
  registeredFrom: Type.Optional(Day),
  registeredTo: Type.Optional(Day),
  sellerName: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Seller name (Korean or English) contains' })),
  sellerAttributeIds: Type.Optional({ ...IdList, description: 'Seller attribute ids, comma separated (1,4,7)' }),
  searchField: Type.Optional(
    Type.Union([Type.Literal('name'), Type.Literal('id'), Type.Literal('code')], { description: 'What `q` searches; name by default' }),
  ),
  q: Type.Optional(
    Type.String({ minLength: 1, maxLength: 100, description: 'name: contains every word (words split on whitespace); id and code: exact' }),
  ),
  onSale: Type.Optional(Type.Boolean()),
  displayed: Type.Optional(Type.Boolean()),
  discounted: Type.Optional(Type.Boolean({ description: 'Discount active now' })),
  sellerId: Type.Optional(Type.Integer({ minimum: 1, description: 'Admin only; a seller only ever sees its own products' })),
});
export type ProductFilterQuery = Static<typeof ProductFilterQuery>;

/** The `sellerAttributeIds` filter as ids (400 when malformed). */
export const sellerAttributeIdsOf = (list: string) => parseIdList(list, 'sellerAttributeIds', 7);

/**
 * The filters with `sellerName` resolved to seller ids, and a rare name search to the ids of the products whose
 * name tokens contain every word (see narrowByNameTokens).
 */
export type ResolvedProductFilters = ProductFilterQuery & { sellersNamed?: number[]; namedProductIds?: number[] };

/**
 * A seller name becomes the ids of the sellers it matches (5,000 sellers are read in a few ms), so products are
 * filtered by `seller_id` whatever drives the page: through (seller_id, created_at) for a few sellers, or in
 * registration order checking the id list for many. As a join filter on the seller's name MariaDB scanned a
 * whole date range and joined every row's seller (0.37 s for one seller's month at 1M products).
 */
export async function resolveSellerName(db: Kysely<Database>, filters: ProductFilterQuery): Promise<ResolvedProductFilters> {
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

/**
 * Products the actor may see (deleted ones excluded) matching `filters`, joined as `p` (products),
 * `s` (sellers) and `a` (seller_attributes). No select list, order or limit: the caller adds them.
 */
export function selectFilteredProducts(db: Kysely<Database>, actor: Actor, filters: ResolvedProductFilters, now: Date) {
  let query = joinSellers(db, actor);
  if (filters.sellerId !== undefined) query = query.where('p.seller_id', '=', filters.sellerId);
  if (filters.registeredFrom !== undefined) query = query.where('p.created_at', '>=', kstDayStart(filters.registeredFrom));
  if (filters.registeredTo !== undefined) query = query.where('p.created_at', '<', kstDayEnd(filters.registeredTo));
  if (filters.sellersNamed !== undefined) {
    query = filters.sellersNamed.length > 0 ? query.where('p.seller_id', 'in', filters.sellersNamed) : query.where(sql<boolean>`FALSE`);
  } else if (filters.sellerName !== undefined) {
    // Unresolved (a caller that skipped resolveSellerName): the same match as a join filter.
    const pattern = `%${escapeLike(filters.sellerName)}%`;
    query = query.where((eb) => eb.or([eb('s.name_ko', 'like', pattern), eb('s.name_en', 'like', pattern)]));
  }
  if (filters.sellerAttributeIds !== undefined) {
    query = query.where('s.attribute_id', 'in', sellerAttributeIdsOf(filters.sellerAttributeIds));
  }
  if (filters.q !== undefined) query = whereSearch(query, filters.searchField ?? 'name', filters.q);
  // A superset of the name matches (the LIKE above still decides), small enough to read by primary key.
  if (filters.namedProductIds !== undefined) {
    query = filters.namedProductIds.length > 0 ? query.where('p.id', 'in', filters.namedProductIds) : query.where(sql<boolean>`FALSE`);
  }
  if (filters.onSale !== undefined) query = query.where('p.is_on_sale', '=', filters.onSale);
  if (filters.displayed !== undefined) query = query.where('p.is_displayed', '=', filters.displayed);
  if (filters.discounted !== undefined) {
    const active = sql<boolean>`(p.discount_rate > 0 AND ${discountWindowContains('p.discount_starts_at', 'p.discount_ends_at', now)})`;
    query = query.where(filters.discounted ? active : sql<boolean>`NOT ${active}`);
  }
  return query;
}

function joinSellers(db: Kysely<Database>, actor: Actor) {
  return scopedProducts(db, actor)
    .innerJoin('sellers as s', 's.id', 'p.seller_id')
    .innerJoin('seller_attributes as a', 'a.id', 's.attribute_id');
}
type FilteredQuery = ReturnType<typeof joinSellers>;

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

function whereSearch(query: FilteredQuery, field: 'name' | 'id' | 'code', q: string): FilteredQuery {
  const text = q.trim();
  if (field === 'name') {
    const words = nameWords(q);
    // A q of spaces only matches every name, as `LIKE '%%'` did.
    return words.reduce((named, word) => named.where('p.name', 'like', nameContainsPattern(word)), query);
  }
  if (field === 'code') return query.where('p.code', '=', text);
  const id = /^[1-9][0-9]{0,9}$/.test(text) ? Number(text) : 0;
  // A non-numeric id matches no product rather than failing the whole list.
  return query.where('p.id', '=', id);
}
