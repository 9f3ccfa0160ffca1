import { sql } from '@brandi/db';
import type { PhraseLead } from '../products/sql/word-routes.js';
import {
  buildTokenInboxCountQuery,
  buildTokenInboxIdsQuery,
  containsPattern,
  type Executor,
  findInboxRows,
  type InboxFilter,
  type InboxRow,
  questionTests,
  type Window,
} from './inbox.repository.js';

// An admin's phrase search by literal id lists, when the products involved are few.

/**
 * How many products (and their questions) a phrase search carries as literal id lists, and how many deleted
 * products it reads once; past these it falls back to the joined statements (inbox-phrase.repository.ts).
 */
export const PHRASE_LISTS = { products: 2_000, questions: 5_000, deleted: 20_000 };

/** The live questions of listed products with the inbox filters: a range of ix_questions_product per product (index only). */
const listedQuestions = (ids: number[], filter: InboxFilter) =>
  sql`questions q FORCE INDEX (ix_questions_product) WHERE q.product_id IN (${sql.join(ids)}) AND ${sql.join(questionTests(filter), sql` AND `)}`;

export function buildListedInboxIdsQuery(ids: number[], filter: InboxFilter, window: Window) {
  // In parentheses: it is read as a derived table (findInboxRows).
  return sql<{ id: number }>`(SELECT q.id FROM ${listedQuestions(ids, filter)}
    ORDER BY q.created_at DESC, q.id DESC LIMIT ${window.limit} OFFSET ${window.offset})`;
}

export function buildListedInboxCountQuery(ids: number[], filter: InboxFilter) {
  return sql<{ total: number }>`SELECT COUNT(*) AS total FROM ${listedQuestions(ids, filter)}`;
}

/** The ids of the listed products' questions with the inbox filters, at most `cap` + 1 of them. */
export function buildListedQuestionIdsQuery(ids: number[], filter: InboxFilter, cap: number) {
  return sql<{ id: number }>`SELECT q.id FROM ${listedQuestions(ids, filter)} LIMIT ${cap + 1}`;
}

export interface DeletedNamed {
  id: number;
  /** The name contains the phrase. */
  holds: boolean;
  /** The name contains each word of the phrase, in order. */
  has: boolean[];
}

/**
 * Deleted products whose name contains a word of the phrase (their questions stay in the inbox), each with
 * what its name holds: one read of the deleted range, shared by the page and the total whichever the lead
 * word. Undefined: more than PHRASE_LISTS.deleted.
 */
export async function deletedWithWords(db: Executor, phrase: string, words: string[]): Promise<DeletedNamed[] | undefined> {
  const flags = words.map((word, i) => sql`p.name LIKE ${containsPattern(word)} AS ${sql.ref(`w${i}`)}`);
  const anyWord = sql.join(
    words.map((word) => sql`p.name LIKE ${containsPattern(word)}`),
    sql` OR `,
  );
  const rows = await sql<Record<string, number>>`SELECT p.id, p.name LIKE ${containsPattern(phrase)} AS holds, ${sql.join(flags)}
    FROM products p WHERE p.deleted_at IS NOT NULL AND (${anyWord}) LIMIT ${PHRASE_LISTS.deleted + 1}`.execute(db);
  if (rows.rows.length > PHRASE_LISTS.deleted) return undefined;
  return rows.rows.map((r) => ({ id: Number(r.id), holds: Number(r.holds) === 1, has: words.map((_, i) => Number(r[`w${i}`]) === 1) }));
}

const ids = (rows: { id: number }[]) => rows.map((r) => Number(r.id));

/** A page and total of the listed products' questions. */
async function listedPage(
  db: Executor,
  products: number[],
  filter: InboxFilter,
  window: Window,
): Promise<{ rows: InboxRow[]; total: number }> {
  if (products.length === 0) return { rows: [], total: 0 };
  const [rows, count] = await Promise.all([
    findInboxRows(db, buildListedInboxIdsQuery(products, filter, window)),
    buildListedInboxCountQuery(products, filter).execute(db),
  ]);
  return { rows, total: Number(count.rows[0]?.total ?? 0) };
}

/**
 * A phrase search by id lists, when the products involved are few: the phrase's products (a full name: tens)
 * and their questions off ix_questions_product; or, when most of the lead word's names hold the phrase, the
 * word's question postings in order minus the questions of the few products without it (index only, so a page
 * 10,000 deep costs 10,000 index entries). Undefined: too many products, the joined statements decide.
 */
export async function phraseByLists(
  db: Executor,
  lead: PhraseLead | undefined,
  deleted: DeletedNamed[],
  words: string[],
  filter: InboxFilter,
  window: Window,
): Promise<{ rows: InboxRow[]; total: number } | undefined> {
  const cap = PHRASE_LISTS.products;
  const holding = deleted.filter((d) => d.holds).map((d) => d.id);
  if (lead === undefined) return holding.length > cap ? undefined : listedPage(db, holding, filter, window);
  if (lead.holding * 2 <= lead.sampled) {
    const live = ids((await sql<{ id: number }>`${lead.matching} LIMIT ${cap + 1}`.execute(db)).rows);
    const products = [...new Set([...live, ...holding])];
    return products.length > cap ? undefined : listedPage(db, products, filter, window);
  }
  const leadWord = words.indexOf(lead.word);
  const deletedOthers = deleted.filter((d) => d.has[leadWord] && !d.holds).map((d) => d.id);
  const excludedRead = async (): Promise<number[] | undefined> => {
    const live = ids((await sql<{ id: number }>`${lead.others} LIMIT ${cap + 1}`.execute(db)).rows);
    const others = [...new Set([...live, ...deletedOthers])];
    if (others.length > cap) return undefined;
    if (others.length === 0) return [];
    const questions = ids((await buildListedQuestionIdsQuery(others, filter, PHRASE_LISTS.questions).execute(db)).rows);
    return questions.length > PHRASE_LISTS.questions ? undefined : questions;
  };
  // The word's page is read alongside: when no name under the word lacks the phrase (the usual case) it is the page.
  const [excluded, all, plain] = await Promise.all([
    excludedRead(),
    buildTokenInboxCountQuery(db, lead.tokens, filter).executeTakeFirstOrThrow(),
    findInboxRows(db, buildTokenInboxIdsQuery(db, lead.tokens, filter, window)),
  ]);
  if (excluded === undefined) return undefined;
  if (excluded.length === 0) return { rows: plain, total: Number(all.total) };
  const rows = await findInboxRows(db, buildTokenInboxIdsQuery(db, lead.tokens, filter, window, excluded));
  return { rows, total: Number(all.total) - excluded.length };
}
