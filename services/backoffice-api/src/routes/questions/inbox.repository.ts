import { countRows, QUESTION_ITEM_COLUMNS, sql, type Database, type Db } from '@brandi/db';
import { escapeLike } from '@brandi/http';
import type { Kysely, RawBuilder } from 'kysely';
import { kstDayEnd, kstDayStart } from '../../kst-days.js';
import type { InboxQuery } from './schemas.js';

// The inbox's filters and the statements every search path shares: a page's ids off questions or the question
// postings, the rows of a page's ids, and the exact totals from question_counts or an index.

export type Executor = Kysely<Database>;

export interface InboxFilter extends Omit<InboxQuery, 'page' | 'limit'> {
  /** Only this seller's questions; undefined for an admin. */
  sellerId?: number;
  questionId?: number;
}

export type Window = { limit: number; offset: number };

export const containsPattern = (text: string) => `%${escapeLike(text)}%`;

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

/** The inbox filters on questions (alias q), live questions only. */
export function questionTests(filter: InboxFilter): RawBuilder<boolean>[] {
  const tests = [sql<boolean>`q.deleted_at IS NULL`];
  if (filter.questionId !== undefined) tests.push(sql<boolean>`q.id = ${filter.questionId}`);
  if (filter.answered !== undefined) tests.push(sql<boolean>`q.is_answered = ${filter.answered}`);
  if (filter.typeId !== undefined) tests.push(sql<boolean>`q.type_id = ${filter.typeId}`);
  if (filter.from !== undefined) tests.push(sql<boolean>`q.created_at >= ${kstDayStart(filter.from)}`);
  if (filter.to !== undefined) tests.push(sql<boolean>`q.created_at < ${kstDayEnd(filter.to)}`);
  return tests;
}

/** The inbox filters on question_name_tokens (alias qt). */
export function postingTests(filter: InboxFilter): RawBuilder<boolean>[] {
  const tests: RawBuilder<boolean>[] = [];
  if (filter.answered !== undefined) tests.push(sql<boolean>`qt.is_answered = ${filter.answered}`);
  if (filter.typeId !== undefined) tests.push(sql<boolean>`qt.type_id = ${filter.typeId}`);
  if (filter.from !== undefined) tests.push(sql<boolean>`qt.created_at >= ${kstDayStart(filter.from)}`);
  if (filter.to !== undefined) tests.push(sql<boolean>`qt.created_at < ${kstDayEnd(filter.to)}`);
  return tests;
}

type IdsQuery = ReturnType<typeof buildInboxIdsQuery> | ReturnType<typeof buildTokenInboxIdsQuery> | RawBuilder<{ id: number }>;

/** The inbox rows of a page's ids, newest first (id breaks ties), with the product, type, masked author and answer. */
export function findInboxRows(db: Executor, ids: IdsQuery) {
  // STRAIGHT_JOIN: the page's ids first, then their rows (left alone MariaDB may start from a joined table).
  return db
    .selectFrom(ids.as('pg'))
    .modifyFront(sql`STRAIGHT_JOIN`)
    .innerJoin('questions as q', 'q.id', 'pg.id')
    .innerJoin('products as p', 'p.id', 'q.product_id')
    .innerJoin('question_types as t', 't.id', 'q.type_id')
    .innerJoin('shoppers as sh', 'sh.id', 'q.shopper_id')
    .innerJoin('sellers as s', 's.id', 'q.seller_id')
    .leftJoin('answers as an', 'an.question_id', 'q.id')
    .leftJoin('sellers as au', 'au.id', 'an.author_id')
    .select([
      ...QUESTION_ITEM_COLUMNS,
      'p.id as product_id',
      'p.name as product_name',
      'an.content as answer_content',
      'an.created_at as answer_created_at',
      'an.updated_at as answer_updated_at',
      // The shop that answers, as shoppers see it (their answer.sellerName); `au` is who wrote it (maybe an admin).
      's.name_ko as seller_name',
      'au.id as answer_author_id',
      'au.name_ko as answer_author_name',
      'au.role as answer_author_role',
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
  return countRows(selectInboxQuestions(db, filter));
}
