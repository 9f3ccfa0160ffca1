import { sql, type Database, type Db } from '@brandi/db';
import { escapeLike } from '@brandi/http';
import type { Kysely } from 'kysely';
import { kstDayEnd, kstDayStart } from '../../kst-days.js';
import type { InboxQuery } from './schemas.js';

type Executor = Kysely<Database>;

export interface InboxFilter extends Omit<InboxQuery, 'page' | 'limit'> {
  /** Only this seller's questions; undefined for an admin. */
  sellerId?: number;
  questionId?: number;
  /**
   * Set by narrowByProductName: the products whose name contains `productName` (exactly those), few enough to
   * read their questions by product and sort them.
   */
  productIds?: number[];
  /** Which products a token product-name search reads (both unless counting the two parts apart). */
  productSide?: 'live' | 'deleted';
}

type Window = { limit: number; offset: number };

/**
 * Whether a product-name search can be answered from the name-token postings: no whitespace in it (nor a
 * character the names' collation equates with a space), so it can only occur inside one token.
 */
const isTokenSearch = (name: string | undefined): name is string => name !== undefined && !/\s/.test(name);

/** Live products whose name contains `name` (without whitespace): postings of the vocabulary tokens containing it. */
function liveProductsNamed(db: Executor, name: string) {
  return db
    .selectFrom('product_name_tokens as t')
    .select('t.product_id')
    .where('t.token', 'in', db.selectFrom('name_tokens as v').select('v.token').where(sql<boolean>`v.token COLLATE utf8mb4_unicode_ci LIKE ${containsPattern(name)}`));
}

/** Deleted products (their questions stay in the inbox) whose name contains `name`: ix_products_live_created. */
function deletedProductsNamed(db: Executor, name: string) {
  return db.selectFrom('products as pd').select('pd.id as product_id').where('pd.deleted_at', 'is not', null).where('pd.name', 'like', containsPattern(name));
}

const containsPattern = (text: string) => `%${escapeLike(text)}%`;

/**
 * The live questions matching the filter, from `questions` alone (product names through the postings), so that
 * the ids of a page come off one index: (answered, type) equalities, then (created_at, id) in order.
 */
function selectInboxQuestions(db: Executor, filter: InboxFilter) {
  let query = db.selectFrom('questions as q').where('q.deleted_at', 'is', null);
  if (filter.sellerId !== undefined) query = query.where('q.seller_id', '=', filter.sellerId);
  if (filter.questionId !== undefined) query = query.where('q.id', '=', filter.questionId);
  if (filter.answered !== undefined) query = query.where('q.is_answered', '=', filter.answered);
  if (filter.typeId !== undefined) query = query.where('q.type_id', '=', filter.typeId);
  if (filter.from !== undefined) query = query.where('q.created_at', '>=', kstDayStart(filter.from));
  if (filter.to !== undefined) query = query.where('q.created_at', '<', kstDayEnd(filter.to));
  if (filter.productIds !== undefined) {
    query = filter.productIds.length > 0 ? query.where('q.product_id', 'in', filter.productIds) : query.where(sql<boolean>`FALSE`);
  } else if (isTokenSearch(filter.productName)) {
    const name = filter.productName;
    // Two uncorrelated subqueries, each materialized once and probed per question.
    if (filter.productSide === 'live') query = query.where('q.product_id', 'in', liveProductsNamed(db, name));
    else if (filter.productSide === 'deleted') query = query.where('q.product_id', 'in', deletedProductsNamed(db, name));
    else query = query.where((eb) => eb.or([eb('q.product_id', 'in', liveProductsNamed(db, name)), eb('q.product_id', 'in', deletedProductsNamed(db, name))]));
  } else if (filter.productName !== undefined) {
    const pattern = containsPattern(filter.productName);
    query = query.where(({ exists, selectFrom }) =>
      exists(selectFrom('products as pn').select('pn.id').whereRef('pn.id', '=', 'q.product_id').where('pn.name', 'like', pattern)),
    );
  }
  return query;
}

/** The ids of one page, newest first (id breaks ties): read off an index in order, no row touched. */
export function buildInboxIdsQuery(db: Executor, filter: InboxFilter, window: Window) {
  return selectInboxQuestions(db, filter).select('q.id').orderBy('q.created_at', 'desc').orderBy('q.id', 'desc').limit(window.limit).offset(window.offset);
}

/** Inbox rows newest first (id breaks ties), with the product, type, masked author and answer. */
export function findInboxPage(db: Executor, filter: InboxFilter, window: Window) {
  // The page's ids come first (deferred join): a page 10,000 rows deep reads 10,000 index entries, not rows.
  // STRAIGHT_JOIN: the page's ids first, then their rows (left alone MariaDB may start from a joined table).
  return db
    .selectFrom(buildInboxIdsQuery(db, filter, window).as('pg'))
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
  const count = async (f: InboxFilter) => Number((await selectInboxQuestions(db, f).select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow()).total);
  // An admin's name search over many products: each side is a semi-join from its products to their questions.
  if (filter.sellerId === undefined && filter.productIds === undefined && isTokenSearch(filter.productName)) {
    const [live, deleted] = await Promise.all([count({ ...filter, productSide: 'live' }), count({ ...filter, productSide: 'deleted' })]);
    return live + deleted;
  }
  return count(filter);
}

// Product ids beyond this are read in date order however rare the name: an IN list this long is still cheap.
const MAX_PRODUCT_IDS = 10_000;

/**
 * An admin's product-name search (no whitespace) that matches few products reads their questions by product
 * (ix_questions_product) and sorts them; reading every question in date order for a rare name walked the whole
 * inbox. Few means under √((offset + limit) × all questions), where reading in order costs the same.
 */
export async function narrowByProductName(db: Executor, filter: InboxFilter, rows: number): Promise<InboxFilter> {
  if (filter.sellerId !== undefined || !isTokenSearch(filter.productName)) return filter;
  const all = await buildQuestionCountsQuery(db, {}).executeTakeFirstOrThrow();
  const breakEven = Math.min(MAX_PRODUCT_IDS, Math.ceil(Math.sqrt(rows * Number(all.total ?? 0))));
  const [live, deleted] = await Promise.all([
    liveProductsNamed(db, filter.productName).distinct().limit(breakEven).execute(),
    deletedProductsNamed(db, filter.productName).limit(breakEven).execute(),
  ]);
  const ids = [...new Set([...live, ...deleted].map((m) => m.product_id))];
  return ids.length < breakEven ? { ...filter, productIds: ids } : filter;
}

/** A page of the inbox and its exact total. */
export async function findInboxListPage(db: Executor, filter: InboxFilter, window: Window): Promise<{ rows: InboxRow[]; total: number }> {
  const narrowed = await narrowByProductName(db, filter, window.offset + window.limit);
  const [rows, total] = await Promise.all([findInboxPage(db, narrowed, window), countInboxQuestions(db, narrowed)]);
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
