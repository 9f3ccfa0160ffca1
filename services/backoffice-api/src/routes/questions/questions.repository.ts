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
}

function selectInboxQuestions(db: Executor, filter: InboxFilter) {
  let query = db
    .selectFrom('questions as q')
    .innerJoin('products as p', 'p.id', 'q.product_id')
    .where('q.deleted_at', 'is', null);
  if (filter.sellerId !== undefined) query = query.where('q.seller_id', '=', filter.sellerId);
  if (filter.questionId !== undefined) query = query.where('q.id', '=', filter.questionId);
  if (filter.answered !== undefined) query = query.where('q.is_answered', '=', filter.answered);
  if (filter.typeId !== undefined) query = query.where('q.type_id', '=', filter.typeId);
  if (filter.productName !== undefined) query = query.where('p.name', 'like', `%${escapeLike(filter.productName)}%`);
  if (filter.from !== undefined) query = query.where('q.created_at', '>=', kstDayStart(filter.from));
  if (filter.to !== undefined) query = query.where('q.created_at', '<', kstDayEnd(filter.to));
  return query;
}

/** Inbox rows newest first (id breaks ties), with the product, type, masked author and answer. */
export function findInboxPage(db: Executor, filter: InboxFilter, window: { limit: number; offset: number }) {
  return selectInboxQuestions(db, filter)
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
    .limit(window.limit)
    .offset(window.offset)
    .execute();
}
export type InboxRow = Awaited<ReturnType<typeof findInboxPage>>[number];

export async function countInboxQuestions(db: Db, filter: InboxFilter): Promise<number> {
  const row = await selectInboxQuestions(db, filter).select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  return Number(row.total);
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
