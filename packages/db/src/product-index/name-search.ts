import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema/index.js';

// Reads of the product-name postings (migration 20261130000300): name_tokens is the vocabulary of the runs
// between spaces in live product names, product_name_tokens a (token, product) posting per token of a name.
// A word without whitespace occurs in a name only inside one of its tokens, so the products whose name
// contains the word are the postings of the vocabulary tokens that contain it.

/** The LIKE pattern of "contains `text`", `%`, `_` and the backslash literal. */
export const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, '\\$&')}%`;

/**
 * The words of a name search: runs between whitespace, each once. JavaScript's \s covers the no-break and
 * ideographic spaces the names' collation equates with a space, so no word can match across two tokens.
 */
export function searchWords(q: string): string[] {
  return [...new Set(q.split(/\s+/).filter((word) => word.length > 0))];
}

/** Vocabulary tokens containing `word`, compared with the names' own collation (case and accents as `name LIKE`). */
export function nameTokensContaining(db: Kysely<Database>, word: string) {
  return db
    .selectFrom('name_tokens as v')
    .select('v.token')
    .where(sql<boolean>`v.token COLLATE utf8mb4_unicode_ci LIKE ${containsPattern(word)}`);
}

/** For each word, the vocabulary tokens containing it (an empty list: no live product name contains it). */
export async function findTokensContaining(db: Kysely<Database>, words: string[]): Promise<string[][]> {
  if (words.length === 0) return [];
  const [first, ...rest] = words.map((word, i) => nameTokensContaining(db, word).select(sql<number>`${i}`.as('word')));
  const rows = await rest.reduce((union, query) => union.unionAll(query), first).execute();
  return words.map((_, i) => rows.filter((row) => Number(row.word) === i).map((row) => row.token));
}

/** Postings under `tokens` (a product posted under two of them appears twice), for counting or sampling. */
export function postingsUnder(db: Kysely<Database>, tokens: string[]) {
  return db.selectFrom('product_name_tokens as t').select('t.product_id').where('t.token', 'in', tokens);
}

/**
 * About how many postings `tokens` have: the optimizer's own estimate (EXPLAIN's rows, from index dives), so
 * a word posted for 10% of a million products costs no scan to size. Exact for a range within a few pages,
 * within ~2× above.
 */
export async function estimatePostings(db: Kysely<Database>, tokens: string[]): Promise<number> {
  const plan = await postingsUnder(db, tokens).explain();
  return plan.reduce((most, row) => Math.max(most, Number(row.rows ?? 0)), 0);
}

/**
 * Every pair of one token from each list, unordered ([x, y] stands for both orders), or none when the lists
 * share a token: a name holding that one token has both words without a pair posting for them.
 */
export function tokenPairsAcross(first: string[], second: string[]): [string, string][] {
  const shared = new Set(first);
  if (second.some((token) => shared.has(token))) return [];
  return first.flatMap((x) => second.map((y): [string, string] => [x, y]));
}

/** Pair postings of any of `pairs`, each looked up in both orders (only the binary-ordered one is stored). */
export function pairPostingsUnder(db: Kysely<Database>, pairs: [string, string][]) {
  return db
    .selectFrom('product_name_token_pairs as t')
    .select('t.product_id')
    .where((eb) =>
      eb.or(
        pairs.flatMap(([x, y]) => [
          eb.and([eb('t.token_a', '=', x), eb('t.token_b', '=', y)]),
          eb.and([eb('t.token_a', '=', y), eb('t.token_b', '=', x)]),
        ]),
      ),
    );
}

/** About how many pair postings `pairs` have (EXPLAIN's estimate, as estimatePostings). */
export async function estimatePairPostings(db: Kysely<Database>, pairs: [string, string][]): Promise<number> {
  const plan = await pairPostingsUnder(db, pairs).explain();
  return plan.reduce((most, row) => Math.max(most, Number(row.rows ?? 0)), 0);
}
