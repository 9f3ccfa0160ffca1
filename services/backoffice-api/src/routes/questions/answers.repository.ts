import type { Database } from '@brandi/db';
import type { Kysely } from 'kysely';

type Executor = Kysely<Database>;

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
