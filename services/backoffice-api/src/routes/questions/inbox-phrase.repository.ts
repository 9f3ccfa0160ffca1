import { sql } from '@brandi/db';
import type { RawBuilder } from 'kysely';
import type { PhraseLead } from '../products/sql/word-routes.js';
import { containsPattern, type InboxFilter, postingTests, questionTests, type Window } from './inbox.repository.js';

// An admin's phrase search (several words, or a word with a space around it) as joined statements: what it
// falls back to when the products involved are too many for id lists (inbox-phrase-lists.repository.ts).

/** Deleted products whose name contains `text` (their questions stay in the inbox), by ix_products_live_*'s deleted range. */
const deletedProducts = (pattern: RawBuilder<boolean>) => sql`SELECT p.id FROM products p WHERE p.deleted_at IS NOT NULL AND ${pattern}`;

/**
 * The products whose name contains an admin's phrase (several words, or a word with a space around it): the
 * live ones through product_token_facets (the rarest word's rows, the phrase tested on their copy of the name)
 * and the deleted ones whose name contains it.
 */
export function phraseProducts(lead: PhraseLead | undefined, phrase: string) {
  const deleted = deletedProducts(sql<boolean>`p.name LIKE ${containsPattern(phrase)}`);
  return lead === undefined ? deleted : sql`${lead.matching} UNION ${deleted}`;
}

/** The products under the lead word's tokens (live or deleted) whose name does not contain the phrase. */
export function phraseOthers(lead: PhraseLead, phrase: string) {
  const deleted = deletedProducts(sql<boolean>`p.name LIKE ${containsPattern(lead.word)} AND NOT (p.name LIKE ${containsPattern(phrase)})`);
  return sql`${lead.others} UNION ${deleted}`;
}
/**
 * A page of a phrase most of whose lead word's names hold it: each lead token's question postings in order
 * (ix_question_name_tokens_created), the phrase tested on the question's product, the first offset + limit of
 * each merged. About (offset + limit) × lead / matching postings read, each with its question and product.
 */
export function buildPhrasePostingsIdsQuery(lead: PhraseLead, phrase: string, filter: InboxFilter, window: Window) {
  const branch = (token: string) => sql`(SELECT qt.question_id AS id, qt.created_at FROM question_name_tokens qt
    STRAIGHT_JOIN questions q ON q.id = qt.question_id STRAIGHT_JOIN products p ON p.id = q.product_id
    WHERE ${sql.join([sql<boolean>`qt.token = ${token}`, ...postingTests(filter), sql<boolean>`p.name LIKE ${containsPattern(phrase)}`], sql` AND `)}
    ORDER BY qt.created_at DESC, qt.question_id DESC LIMIT ${window.offset + window.limit})`;
  return sql<{ id: number }>`(SELECT u.id FROM (${sql.join(lead.tokens.map(branch), sql` UNION `)}) u
    ORDER BY u.created_at DESC, u.id DESC LIMIT ${window.limit} OFFSET ${window.offset})`;
}

/**
 * The questions of a phrase's products with the inbox filters: the products first (STRAIGHT_JOIN), then each
 * one's live questions, a range of ix_questions_product (index only). One statement however many products
 * match; checking the name per question instead read every question in order (seconds at 1M).
 */
function phraseQuestions(products: RawBuilder<unknown>, filter: InboxFilter) {
  return sql`(${products}) m STRAIGHT_JOIN questions q ON q.product_id = m.id WHERE ${sql.join(questionTests(filter), sql` AND `)}`;
}

export function buildPhraseInboxIdsQuery(products: RawBuilder<unknown>, filter: InboxFilter, window: Window) {
  // In parentheses: it is read as a derived table (findInboxRows).
  return sql<{ id: number }>`(SELECT q.id FROM ${phraseQuestions(products, filter)}
    ORDER BY q.created_at DESC, q.id DESC LIMIT ${window.limit} OFFSET ${window.offset})`;
}

export function buildPhraseInboxCountQuery(products: RawBuilder<unknown>, filter: InboxFilter) {
  return sql<{ total: number }>`SELECT COUNT(*) AS total FROM ${phraseQuestions(products, filter)}`;
}
