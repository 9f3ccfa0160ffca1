import { countRows, QUESTION_ITEM_COLUMNS, sql, type Db, type NewQuestion } from '@brandi/db';

export interface QuestionFilter {
  productId?: number;
  shopperId?: number;
  typeId?: number;
  answered?: boolean;
}

function selectLiveQuestions(db: Db, filter: QuestionFilter) {
  return db
    .selectFrom('questions as q')
    .leftJoin('answers as a', 'a.question_id', 'q.id')
    .where('q.deleted_at', 'is', null)
    .$if(filter.productId !== undefined, (qb) => qb.where('q.product_id', '=', filter.productId!))
    .$if(filter.shopperId !== undefined, (qb) => qb.where('q.shopper_id', '=', filter.shopperId!))
    .$if(filter.typeId !== undefined, (qb) => qb.where('q.type_id', '=', filter.typeId!))
    .$if(filter.answered === true, (qb) => qb.where('a.id', 'is not', null))
    .$if(filter.answered === false, (qb) => qb.where('a.id', 'is', null));
}

/** A page of questions, newest first; exported so the EXPLAIN tests check what the routes run. */
export function buildQuestionPageQuery(db: Db, filter: QuestionFilter, window: { limit: number; offset: number }) {
  return (
    selectLiveQuestions(db, filter)
      // The questions index (product or shopper, deleted_at, created_at, id) drives; the rest are lookups.
      .modifyFront(sql`STRAIGHT_JOIN`)
      .innerJoin('question_types as t', 't.id', 'q.type_id')
      .innerJoin('shoppers as sh', 'sh.id', 'q.shopper_id')
      .innerJoin('sellers as s', 's.id', 'q.seller_id')
      .innerJoin('products as p', 'p.id', 'q.product_id')
      .select([
        ...QUESTION_ITEM_COLUMNS,
        'q.shopper_id',
        'a.content as answer_content',
        'a.created_at as answer_created_at',
        's.name_ko as seller_name',
        'p.id as product_id',
        'p.name as product_name',
        'p.main_image_key',
      ])
      .orderBy('q.created_at', 'desc')
      .orderBy('q.id', 'desc')
      .limit(window.limit)
      .offset(window.offset)
  );
}

export type QuestionRow = Awaited<ReturnType<ReturnType<typeof buildQuestionPageQuery>['execute']>>[number];

export function countQuestions(db: Db, filter: QuestionFilter): Promise<number> {
  return countRows(selectLiveQuestions(db, filter));
}

export function findQuestionTypes(db: Db) {
  return db.selectFrom('question_types').select(['id', 'name']).orderBy('position').orderBy('id').execute();
}

export function findQuestionType(db: Db, id: number) {
  return db.selectFrom('question_types').select('id').where('id', '=', id).executeTakeFirst();
}

export async function insertQuestion(db: Db, question: NewQuestion): Promise<number> {
  const result = await db.insertInto('questions').values(question).executeTakeFirstOrThrow();
  return Number(result.insertId);
}

export function findLiveQuestionOwner(db: Db, id: number) {
  return db
    .selectFrom('questions')
    .select(['id', 'shopper_id', 'product_id'])
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export async function softDeleteQuestion(db: Db, id: number, now: Date): Promise<void> {
  await db.updateTable('questions').set({ deleted_at: now }).where('id', '=', id).where('deleted_at', 'is', null).execute();
}
