import { sql, tokenPairsAcross, type Database } from '@brandi/db';
import type { Kysely, RawBuilder } from 'kysely';
import { all, nameContainsPattern, nameWords, rowFilterTests } from './filter-predicates.js';
import { matchesNothing, wordTokens, type ResolvedRead } from './resolved-read.js';

// How a name search's words are read: the lead word (fewest facet rows) drives a product_token_facets read with
// the other words tested on its copy of the name; two words that share few names (a pair route, below ~20k pair
// postings) come straight from product_name_token_pairs and are read by primary key, tested and sorted.

type Executor = Kysely<Database>;

/** The words other than the lead, each tested on the facet row's copy of the name (as `name LIKE` would). */
export function otherWordsTests(read: ResolvedRead, lead: number): RawBuilder<boolean>[] {
  return (read.words ?? []).filter((_, i) => i !== lead).map((w) => sql<boolean>`f.name LIKE ${nameContainsPattern(w.word)}`);
}

/** The word whose tokens hold the fewest postings (each counted up to a cap), so it drives; decided once a read. */
export function leadWord(db: Executor, read: ResolvedRead): Promise<number> {
  read.lead ??= findLeadWord(db, read);
  return read.lead;
}

async function findLeadWord(db: Executor, read: ResolvedRead): Promise<number> {
  const words = read.words ?? [];
  if (words.length < 2) return 0;
  // EXPLAIN's index dives (a millisecond) rather than counting each word's rows (up to 20k index entries each).
  const sizes = await Promise.all(words.map((w) => estimateFacetRows(db, read, w.tokens)));
  return sizes.indexOf(Math.min(...sizes));
}

// ----------------------------------------------------------------------------------------------------- pairs

// A pair route is taken when two words' pair postings are at most this many: reading that many products by
// primary key (tested, sorted) costs about what counting a common word's facet range does (~40 ms at 1M).
const PAIR_ROUTE_MAX = 20_000;
// Pair lists longer than this (short words contained in many tokens) are not looked up.
const MAX_PAIRS = 400;

/** The token pairs of the two words sharing the fewest names, if few enough to read by primary key; decided once a read. */
export function pairRoute(db: Executor, read: ResolvedRead): Promise<[string, string][] | undefined> {
  read.pairs ??= findPairRoute(db, read);
  return read.pairs;
}

async function findPairRoute(db: Executor, read: ResolvedRead): Promise<[string, string][] | undefined> {
  const words = read.words ?? [];
  if (words.length < 2) return undefined;
  // Every pair of words (a query has few), each with its token pairs; none when the words share a token (a
  // name holding that one token has both words, with no pair posting for them).
  const candidates: [string, string][][] = [];
  for (let i = 0; i < words.length && candidates.length < 6; i++) {
    for (let j = i + 1; j < words.length && candidates.length < 6; j++) {
      const pairs = tokenPairsAcross(words[i].tokens, words[j].tokens);
      if (pairs.length > 0 && pairs.length <= MAX_PAIRS) candidates.push(pairs);
    }
  }
  if (candidates.length === 0) return undefined;
  const sizes = await Promise.all(
    candidates.map(async (pairs) => {
      const row = await sql<{
        n: number;
      }>`SELECT COUNT(*) AS n FROM (SELECT 1 FROM product_name_token_pairs t WHERE ${pairTests(pairs)} LIMIT ${PAIR_ROUTE_MAX + 1}) x`.execute(
        db,
      );
      return Number(row.rows[0]?.n ?? 0);
    }),
  );
  const best = sizes.indexOf(Math.min(...sizes));
  if (sizes[best] > PAIR_ROUTE_MAX) return undefined;
  // A product read by primary key costs about what PAIR_READ_COST facet rows read in a range do: a registration
  // range narrowing the word's facet ranges can make them the cheaper read.
  const facetRows = await Promise.all(words.map((w) => estimateFacetRows(db, read, w.tokens)));
  return sizes[best] * PAIR_READ_COST <= Math.min(...facetRows) ? candidates[best] : undefined;
}

const PAIR_READ_COST = 8;

/** About how many facet rows a word's tokens hold within the registration range (EXPLAIN's estimate, index dives). */
async function estimateFacetRows(db: Executor, read: ResolvedRead, tokens: string[]): Promise<number> {
  const { registeredFrom, registeredTo } = read.filters;
  const tests = [sql<boolean>`f.token IN (${sql.join(tokens)})`, ...rowFilterTests({ registeredFrom, registeredTo }, 'f', read.now)];
  const rows = await sql<{ rows: number | null }>`EXPLAIN SELECT 1 FROM product_token_facets f WHERE ${all(tests)}`.execute(db);
  return rows.rows.reduce((most, row) => Math.max(most, Number(row.rows ?? 0)), 0);
}

/** Pair postings of `pairs`, each in both orders (only the one in binary order is stored), ranges of the primary key. */
export const pairTests = (pairs: [string, string][]) =>
  sql<boolean>`(${sql.join(
    pairs.flatMap(([x, y]) => [sql`(t.token_a = ${x} AND t.token_b = ${y})`, sql`(t.token_a = ${y} AND t.token_b = ${x})`]),
    sql` OR `,
  )})`;

/** An admin read over every live product, for a name search's words (the exports' and the inbox's lookups). */
async function wordsRead(db: Executor, words: string[]): Promise<ResolvedRead> {
  const resolved = await wordTokens(db, words);
  return {
    actor: { id: 0, role: 'admin', status: 'active', attributeId: null, nameKo: '' },
    filters: {},
    excluded: [],
    words: resolved,
    now: new Date(),
  };
}

/** The live products holding every word and the phrase: the lead word's facet rows, the rest tested on their copy of the name. */
function facetProductsWithWords(read: ResolvedRead, lead: number, phrase?: string) {
  const tests = otherWordsTests(read, lead);
  if (phrase !== undefined) tests.push(sql<boolean>`f.name LIKE ${nameContainsPattern(phrase)}`);
  return sql<{
    id: number;
  }>`SELECT DISTINCT f.product_id AS id FROM product_token_facets f WHERE f.token IN (${sql.join(read.words![lead].tokens)}) AND ${all(tests)}`;
}

/**
 * Live products whose name holds every word (each inside a token) and, if given, the phrase, at most `cap` of
 * them (undefined when there are more): the lead word's facet rows, the rest tested on their copy of the name.
 */
export async function liveProductsWithWords(db: Executor, words: string[], cap: number, phrase?: string): Promise<number[] | undefined> {
  const read = await wordsRead(db, words);
  if (matchesNothing(read)) return [];
  const rows = await sql<{ id: number }>`${facetProductsWithWords(read, await leadWord(db, read), phrase)} LIMIT ${cap + 1}`.execute(db);
  return rows.rows.length > cap ? undefined : rows.rows.map((r) => Number(r.id));
}

/** What an inbox phrase search needs of the live names: the lead word's tokens and a sample of its facet rows. */
export interface PhraseLead {
  word: string;
  tokens: string[];
  /** The live products whose name contains the phrase (every word's tokens, the phrase on the name). */
  matching: RawBuilder<{ id: number }>;
  /** The live products under the lead word's tokens whose name does not contain the phrase. */
  others: RawBuilder<{ id: number }>;
  /** Of the lead word's first facet rows (at most PHRASE_SAMPLE), how many there are and how many hold the phrase. */
  sampled: number;
  holding: number;
}

export const PHRASE_SAMPLE = 2_000;

/** The lead word of a phrase (the word with the fewest facet rows) and a sample of how often its names hold the phrase; undefined: a word is in no live name. */
export async function phraseLead(db: Executor, phrase: string): Promise<PhraseLead | undefined> {
  const read = await wordsRead(db, nameWords(phrase));
  if (matchesNothing(read)) return undefined;
  const lead = await leadWord(db, read);
  const { word, tokens } = read.words![lead];
  const pattern = nameContainsPattern(phrase);
  const sample = await sql<{ n: number; m: number | null }>`SELECT COUNT(*) AS n, SUM(s.name LIKE ${pattern}) AS m
    FROM (SELECT f.name FROM product_token_facets f WHERE f.token IN (${sql.join(tokens)}) LIMIT ${PHRASE_SAMPLE}) s`.execute(db);
  return {
    word,
    tokens,
    matching: facetProductsWithWords(read, lead, phrase),
    others: sql<{
      id: number;
    }>`SELECT DISTINCT f.product_id AS id FROM product_token_facets f WHERE f.token IN (${sql.join(tokens)}) AND NOT (f.name LIKE ${pattern})`,
    sampled: Number(sample.rows[0]?.n ?? 0),
    holding: Number(sample.rows[0]?.m ?? 0),
  };
}
