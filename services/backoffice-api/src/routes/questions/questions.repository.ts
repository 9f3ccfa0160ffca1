import { sql, type Database, type Db } from '@brandi/db';
import { escapeLike } from '@brandi/http';
import type { Kysely, RawBuilder } from 'kysely';
import { kstDayEnd, kstDayStart } from '../../kst-days.js';
import { nameTokensContaining, nameWords } from '../products/filters.js';
import { phraseLead, type PhraseLead } from '../products/list-plan.js';
import type { InboxQuery } from './schemas.js';

type Executor = Kysely<Database>;

export interface InboxFilter extends Omit<InboxQuery, 'page' | 'limit'> {
  /** Only this seller's questions; undefined for an admin. */
  sellerId?: number;
  questionId?: number;
}

type Window = { limit: number; offset: number };

/**
 * Whether a product-name search is one word (no whitespace, nor a character the names' collation equates with
 * a space): it can then only occur inside one token of the name, and the name-token postings answer it.
 */
const isOneWord = (name: string | undefined): name is string => name !== undefined && !/\s/.test(name);

const containsPattern = (text: string) => `%${escapeLike(text)}%`;

/**
 * The live questions matching the filter, from `questions` (with ix_questions_* the ids of a page come off one
 * index: answered/type equalities, then (created_at, id) in order). The product name is checked per question
 * against its product (a seller's few questions, a phrase's candidates) unless resolved to product ids.
 */
function selectInboxQuestions(db: Executor, filter: InboxFilter) {
  let query = db.selectFrom('questions as q').where('q.deleted_at', 'is', null);
  if (filter.sellerId !== undefined) query = query.where('q.seller_id', '=', filter.sellerId);
  if (filter.questionId !== undefined) query = query.where('q.id', '=', filter.questionId);
  if (filter.answered !== undefined) query = query.where('q.is_answered', '=', filter.answered);
  if (filter.typeId !== undefined) query = query.where('q.type_id', '=', filter.typeId);
  if (filter.from !== undefined) query = query.where('q.created_at', '>=', kstDayStart(filter.from));
  if (filter.to !== undefined) query = query.where('q.created_at', '<', kstDayEnd(filter.to));
  if (filter.productName !== undefined) {
    const pattern = containsPattern(filter.productName);
    query = query.where(({ exists, selectFrom }) =>
      exists(selectFrom('products as pn').select('pn.id').whereRef('pn.id', '=', 'q.product_id').where('pn.name', 'like', pattern)),
    );
  }
  return query;
}

/** The ids of one page, newest first (id breaks ties): read off an index in order, no row touched. */
export function buildInboxIdsQuery(db: Executor, filter: InboxFilter, window: Window) {
  return selectInboxQuestions(db, filter)
    .select('q.id')
    .orderBy('q.created_at', 'desc')
    .orderBy('q.id', 'desc')
    .limit(window.limit)
    .offset(window.offset);
}

/** A word's questions under one token with the inbox filters: a range of ix_question_name_tokens_created. */
function tokenPostings(db: Executor, token: string, filter: InboxFilter) {
  let query = db.selectFrom('question_name_tokens as qt').where('qt.token', '=', token);
  if (filter.answered !== undefined) query = query.where('qt.is_answered', '=', filter.answered);
  if (filter.typeId !== undefined) query = query.where('qt.type_id', '=', filter.typeId);
  if (filter.from !== undefined) query = query.where('qt.created_at', '>=', kstDayStart(filter.from));
  if (filter.to !== undefined) query = query.where('qt.created_at', '<', kstDayEnd(filter.to));
  return query;
}

/**
 * The ids of one page of an admin's one-word product-name search, from the question postings of the vocabulary
 * tokens containing the word: each token's first offset + limit postings in order (index only), merged without
 * duplicates (a name can hold two such tokens), then the page.
 */
export function buildTokenInboxIdsQuery(db: Executor, tokens: string[], filter: InboxFilter, window: Window) {
  const branch = (token: string) =>
    tokenPostings(db, token, filter)
      .select(['qt.question_id as id', 'qt.created_at'])
      .orderBy('qt.created_at', 'desc')
      .orderBy('qt.question_id', 'desc')
      .limit(window.offset + window.limit);
  const [first, ...rest] = tokens.map((token, i) => db.selectFrom(branch(token).as(`b${i}`)).selectAll());
  const merged = rest.reduce((union, next) => union.union(next), first);
  return db
    .selectFrom(merged.as('u'))
    .select('u.id')
    .orderBy('u.created_at', 'desc')
    .orderBy('u.id', 'desc')
    .limit(window.limit)
    .offset(window.offset);
}

/** The exact total of an admin's one-word product-name search: its tokens' question postings, counted once each. */
export function buildTokenInboxCountQuery(db: Executor, tokens: string[], filter: InboxFilter) {
  if (tokens.length === 1) return tokenPostings(db, tokens[0], filter).select((eb) => eb.fn.countAll<number>().as('total'));
  let query = db.selectFrom('question_name_tokens as qt').where('qt.token', 'in', tokens);
  if (filter.answered !== undefined) query = query.where('qt.is_answered', '=', filter.answered);
  if (filter.typeId !== undefined) query = query.where('qt.type_id', '=', filter.typeId);
  if (filter.from !== undefined) query = query.where('qt.created_at', '>=', kstDayStart(filter.from));
  if (filter.to !== undefined) query = query.where('qt.created_at', '<', kstDayEnd(filter.to));
  return query.select(sql<number>`COUNT(DISTINCT qt.question_id)`.as('total'));
}

type IdsQuery = ReturnType<typeof buildInboxIdsQuery> | ReturnType<typeof buildTokenInboxIdsQuery> | RawBuilder<{ id: number }>;

/** The inbox rows of a page's ids, newest first (id breaks ties), with the product, type, masked author and answer. */
function findInboxRows(db: Executor, ids: IdsQuery) {
  // STRAIGHT_JOIN: the page's ids first, then their rows (left alone MariaDB may start from a joined table).
  return db
    .selectFrom(ids.as('pg'))
    .modifyFront(sql`STRAIGHT_JOIN`)
    .innerJoin('questions as q', 'q.id', 'pg.id')
    .innerJoin('products as p', 'p.id', 'q.product_id')
    .innerJoin('question_types as t', 't.id', 'q.type_id')
    .innerJoin('shoppers as sh', 'sh.id', 'q.shopper_id')
    .leftJoin('answers as an', 'an.question_id', 'q.id')
    .leftJoin('sellers as au', 'au.id', 'an.author_id')
    .select([
      'q.id',
      'q.content',
      'q.is_private',
      'q.created_at',
      'p.id as product_id',
      'p.name as product_name',
      't.id as type_id',
      't.name as type_name',
      // Masked inside the database, so the raw login id never reaches the service.
      sql<string>`CONCAT(LEFT(sh.login_id, 3), '***')`.as('author'),
      'an.content as answer_content',
      'an.created_at as answer_created_at',
      'an.updated_at as answer_updated_at',
      'au.name_ko as answer_author_name',
    ])
    .orderBy('q.created_at', 'desc')
    .orderBy('q.id', 'desc')
    .execute();
}

/** Inbox rows newest first (id breaks ties); the page's ids come first (deferred join). */
export function findInboxPage(db: Executor, filter: InboxFilter, window: Window) {
  return findInboxRows(db, buildInboxIdsQuery(db, filter, window));
}
export type InboxRow = Awaited<ReturnType<typeof findInboxPage>>[number];

/** An admin's total for answered/type/day filters: a sum over question_counts (≤ 14 rows a day). */
export function buildQuestionCountsQuery(db: Executor, filter: InboxFilter) {
  let query = db.selectFrom('question_counts').select((eb) => eb.fn.sum<number | null>('question_count').as('total'));
  if (filter.answered !== undefined) query = query.where('is_answered', '=', filter.answered);
  if (filter.typeId !== undefined) query = query.where('type_id', '=', filter.typeId);
  if (filter.from !== undefined) query = query.where('question_day', '>=', sql<Date>`${filter.from}`);
  if (filter.to !== undefined) query = query.where('question_day', '<=', sql<Date>`${filter.to}`);
  return query;
}

/** The exact total: summed from question_counts where it can answer, else counted from an index. */
export async function countInboxQuestions(db: Db, filter: InboxFilter): Promise<number> {
  if (filter.sellerId === undefined && filter.questionId === undefined && filter.productName === undefined) {
    const row = await buildQuestionCountsQuery(db, filter).executeTakeFirstOrThrow();
    return Number(row.total ?? 0);
  }
  const row = await selectInboxQuestions(db, filter)
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

/** Deleted products whose name contains `text` (their questions stay in the inbox), by ix_products_live_*'s deleted range. */
const deletedProducts = (pattern: RawBuilder<boolean>) => sql`SELECT p.id FROM products p WHERE p.deleted_at IS NOT NULL AND ${pattern}`;

/**
 * The products whose name contains an admin's phrase (several words, or a word with a space around it): the
 * live ones through product_token_facets (the rarest word's rows, the phrase tested on their copy of the name)
 * and the deleted ones whose name contains it.
 */
function phraseProducts(lead: PhraseLead | undefined, phrase: string) {
  const deleted = deletedProducts(sql<boolean>`p.name LIKE ${containsPattern(phrase)}`);
  return lead === undefined ? deleted : sql`${lead.matching} UNION ${deleted}`;
}

/** The products under the lead word's tokens (live or deleted) whose name does not contain the phrase. */
function phraseOthers(lead: PhraseLead, phrase: string) {
  const deleted = deletedProducts(sql<boolean>`p.name LIKE ${containsPattern(lead.word)} AND NOT (p.name LIKE ${containsPattern(phrase)})`);
  return sql`${lead.others} UNION ${deleted}`;
}

/** The inbox filters on question_name_tokens (alias qt). */
function postingTests(filter: InboxFilter): RawBuilder<boolean>[] {
  const tests: RawBuilder<boolean>[] = [];
  if (filter.answered !== undefined) tests.push(sql<boolean>`qt.is_answered = ${filter.answered}`);
  if (filter.typeId !== undefined) tests.push(sql<boolean>`qt.type_id = ${filter.typeId}`);
  if (filter.from !== undefined) tests.push(sql<boolean>`qt.created_at >= ${kstDayStart(filter.from)}`);
  if (filter.to !== undefined) tests.push(sql<boolean>`qt.created_at < ${kstDayEnd(filter.to)}`);
  return tests;
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
  const tests = [sql<boolean>`q.deleted_at IS NULL`];
  if (filter.questionId !== undefined) tests.push(sql<boolean>`q.id = ${filter.questionId}`);
  if (filter.answered !== undefined) tests.push(sql<boolean>`q.is_answered = ${filter.answered}`);
  if (filter.typeId !== undefined) tests.push(sql<boolean>`q.type_id = ${filter.typeId}`);
  if (filter.from !== undefined) tests.push(sql<boolean>`q.created_at >= ${kstDayStart(filter.from)}`);
  if (filter.to !== undefined) tests.push(sql<boolean>`q.created_at < ${kstDayEnd(filter.to)}`);
  return sql`(${products}) m STRAIGHT_JOIN questions q ON q.product_id = m.id WHERE ${sql.join(tests, sql` AND `)}`;
}

export function buildPhraseInboxIdsQuery(products: RawBuilder<unknown>, filter: InboxFilter, window: Window) {
  // In parentheses: it is read as a derived table (findInboxRows).
  return sql<{ id: number }>`(SELECT q.id FROM ${phraseQuestions(products, filter)}
    ORDER BY q.created_at DESC, q.id DESC LIMIT ${window.limit} OFFSET ${window.offset})`;
}

export function buildPhraseInboxCountQuery(products: RawBuilder<unknown>, filter: InboxFilter) {
  return sql<{ total: number }>`SELECT COUNT(*) AS total FROM ${phraseQuestions(products, filter)}`;
}

/** A page of the inbox and its exact total. */
export async function findInboxListPage(db: Executor, filter: InboxFilter, window: Window): Promise<{ rows: InboxRow[]; total: number }> {
  const { productName } = filter;
  // A product name of spaces only is left out (as a name search of spaces only filters nothing in the product list).
  if (productName !== undefined && nameWords(productName).length === 0) filter = { ...filter, productName: undefined };
  else if (filter.sellerId === undefined && productName !== undefined) {
    if (isOneWord(productName)) {
      // Every question of a product whose name has a token containing the word, deleted products included.
      const tokens = (await nameTokensContaining(db, productName).execute()).map((t) => t.token);
      if (tokens.length === 0) return { rows: [], total: 0 };
      const [rows, count] = await Promise.all([
        findInboxRows(db, buildTokenInboxIdsQuery(db, tokens, filter, window)),
        buildTokenInboxCountQuery(db, tokens, filter).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(count.total) };
    }
    const lead = await phraseLead(db, productName);
    // Most of the lead word's names hold the phrase (as a sample of its facet rows says): pages are read in
    // order off its question postings, and the total is the word's postings minus the questions of the
    // products without the phrase. Otherwise the phrase's products are few next to the word's: their questions.
    const mostly = lead !== undefined && lead.holding * 2 > lead.sampled;
    if (mostly) {
      const [rows, all, others] = await Promise.all([
        findInboxRows(db, buildPhrasePostingsIdsQuery(lead, productName, filter, window)),
        buildTokenInboxCountQuery(db, lead.tokens, filter).executeTakeFirstOrThrow(),
        buildPhraseInboxCountQuery(phraseOthers(lead, productName), filter).execute(db),
      ]);
      return { rows, total: Number(all.total) - Number(others.rows[0]?.total ?? 0) };
    }
    const products = phraseProducts(lead, productName);
    const [rows, count] = await Promise.all([
      findInboxRows(db, buildPhraseInboxIdsQuery(products, filter, window)),
      buildPhraseInboxCountQuery(products, filter).execute(db),
    ]);
    return { rows, total: Number(count.rows[0]?.total ?? 0) };
  }
  const [rows, total] = await Promise.all([findInboxPage(db, filter, window), countInboxQuestions(db, filter)]);
  return { rows, total };
}

/** A live question locked for answering; scoped to the seller unless `sellerId` is undefined. */
export function lockAnswerableQuestion(trx: Executor, questionId: number, sellerId: number | undefined) {
  let query = trx.selectFrom('questions').select(['id', 'seller_id']).where('id', '=', questionId).where('deleted_at', 'is', null);
  if (sellerId !== undefined) query = query.where('seller_id', '=', sellerId);
  return query.forUpdate().executeTakeFirst();
}

/** Creates the question's one answer or replaces its text (the unique key on question_id decides which). */
export async function upsertAnswer(trx: Executor, questionId: number, authorId: number, content: string, now: Date): Promise<void> {
  await trx
    .insertInto('answers')
    .values({ question_id: questionId, author_id: authorId, content, created_at: now, updated_at: now })
    .onDuplicateKeyUpdate({ author_id: authorId, content, updated_at: now })
    .execute();
  await trx.updateTable('questions').set({ is_answered: true }).where('id', '=', questionId).execute();
}
