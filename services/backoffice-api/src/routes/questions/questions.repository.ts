import { sql, type Database, type Db } from '@brandi/db';
import { escapeLike } from '@brandi/http';
import type { Kysely, RawBuilder } from 'kysely';
import { kstDayEnd, kstDayStart } from '../../kst-days.js';
import { nameTokensContaining, nameWords } from '../products/sql/filter-predicates.js';
import { phraseLead, type PhraseLead } from '../products/sql/word-routes.js';
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
function tokenPostings(db: Executor, token: string, filter: InboxFilter, excluded: number[] = []) {
  let query = db.selectFrom('question_name_tokens as qt').where('qt.token', '=', token);
  // `+ 0`: the exclusions are no range to seek (on the primary key they would be, and the postings then sorted).
  if (excluded.length > 0) query = query.where(sql<number>`qt.question_id + 0`, 'not in', excluded);
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
export function buildTokenInboxIdsQuery(db: Executor, tokens: string[], filter: InboxFilter, window: Window, excluded: number[] = []) {
  const branch = (token: string) =>
    tokenPostings(db, token, filter, excluded)
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
  return sql`(${products}) m STRAIGHT_JOIN questions q ON q.product_id = m.id WHERE ${sql.join(questionTests(filter), sql` AND `)}`;
}

/** The inbox filters on questions (alias q), live questions only. */
function questionTests(filter: InboxFilter): RawBuilder<boolean>[] {
  const tests = [sql<boolean>`q.deleted_at IS NULL`];
  if (filter.questionId !== undefined) tests.push(sql<boolean>`q.id = ${filter.questionId}`);
  if (filter.answered !== undefined) tests.push(sql<boolean>`q.is_answered = ${filter.answered}`);
  if (filter.typeId !== undefined) tests.push(sql<boolean>`q.type_id = ${filter.typeId}`);
  if (filter.from !== undefined) tests.push(sql<boolean>`q.created_at >= ${kstDayStart(filter.from)}`);
  if (filter.to !== undefined) tests.push(sql<boolean>`q.created_at < ${kstDayEnd(filter.to)}`);
  return tests;
}

export function buildPhraseInboxIdsQuery(products: RawBuilder<unknown>, filter: InboxFilter, window: Window) {
  // In parentheses: it is read as a derived table (findInboxRows).
  return sql<{ id: number }>`(SELECT q.id FROM ${phraseQuestions(products, filter)}
    ORDER BY q.created_at DESC, q.id DESC LIMIT ${window.limit} OFFSET ${window.offset})`;
}

export function buildPhraseInboxCountQuery(products: RawBuilder<unknown>, filter: InboxFilter) {
  return sql<{ total: number }>`SELECT COUNT(*) AS total FROM ${phraseQuestions(products, filter)}`;
}

/**
 * How many products (and their questions) a phrase search carries as literal id lists, and how many deleted
 * products it reads once; past these it falls back to the joined statements above.
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

interface DeletedNamed {
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
async function deletedWithWords(db: Executor, phrase: string, words: string[]): Promise<DeletedNamed[] | undefined> {
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
async function phraseByLists(
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

/** Whether question_counts says no live question at all has the answered/type/day filters (so nothing matches). */
async function noneCounted(db: Executor, filter: InboxFilter): Promise<boolean> {
  if (filter.answered === undefined && filter.typeId === undefined && filter.from === undefined && filter.to === undefined) return false;
  const row = await buildQuestionCountsQuery(db, filter).executeTakeFirstOrThrow();
  return Number(row.total ?? 0) === 0;
}

/** A page of the inbox and its exact total. */
export async function findInboxListPage(db: Executor, filter: InboxFilter, window: Window): Promise<{ rows: InboxRow[]; total: number }> {
  const { productName } = filter;
  // A product name of spaces only is left out (as a name search of spaces only filters nothing in the product list).
  if (productName !== undefined && nameWords(productName).length === 0) filter = { ...filter, productName: undefined };
  else if (productName !== undefined && (await noneCounted(db, filter))) {
    // No question at all has the other filters (an absent type, a day to come): no name needs looking up.
    return { rows: [], total: 0 };
  } else if (filter.sellerId === undefined && productName !== undefined) {
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
    const words = nameWords(productName);
    const [lead, deleted] = await Promise.all([phraseLead(db, productName), deletedWithWords(db, productName, words)]);
    if (deleted !== undefined) {
      const listed = await phraseByLists(db, lead, deleted, words, filter, window);
      if (listed !== undefined) return listed;
    }
    // Past PHRASE_LISTS, the joined statements. Most of the lead word's names hold the phrase (as a sample of
    // its facet rows says): pages are read in order off its question postings, and the total is the word's
    // postings minus the questions of the products without the phrase. Otherwise the phrase's products are few
    // next to the word's: their questions.
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
