import { BEARER_SECURITY, errorResponses, notFound, offsetPage, pageWindow } from '@brandi/http';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Actor } from '../../types.js';
import { lockAnswerableQuestion, upsertAnswer } from './answers.repository.js';
import { findInboxPage, type InboxRow } from './inbox.repository.js';
import { findInboxListPage } from './inbox-page.js';
import { AnswerBody, InboxItem, InboxPage, InboxQuery, NoQuery, QuestionParams } from './schemas.js';

const scopeOf = (actor: Actor) => (actor.role === 'admin' ? undefined : actor.id);

function toInboxItem(row: InboxRow): InboxItem {
  return {
    id: row.id,
    product: { id: row.product_id, name: row.product_name },
    type: { id: row.type_id, name: row.type_name },
    content: row.content,
    isPrivate: row.is_private,
    author: row.author,
    createdAt: row.created_at.toISOString(),
    answer:
      row.answer_content === null
        ? null
        : {
            content: row.answer_content,
            createdAt: row.answer_created_at!.toISOString(),
            updatedAt: row.answer_updated_at!.toISOString(),
            sellerName: row.seller_name,
            // An answer's author is a seller row (foreign key), so the left join found it.
            answeredBy: { id: row.answer_author_id!, nameKo: row.answer_author_name!, role: row.answer_author_role! },
          },
  };
}

export const questionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/questions',
    {
      config: { reads: 'replica' },
      schema: {
        operationId: 'listQuestions',
        tags: ['questions'],
        summary: "Questions on the caller's products (all of them for an admin), newest first",
        security: BEARER_SECURITY,
        querystring: InboxQuery,
        response: { 200: InboxPage, ...errorResponses(400, 401, 500, 503) },
      },
    },
    async (request) => {
      const { page: _page, limit: _limit, ...query } = request.query;
      const { page, limit, offset } = pageWindow(request.query);
      const filter = { ...query, sellerId: scopeOf(request.actor) };
      const { rows, total } = await findInboxListPage(request.readDb, filter, { limit, offset });
      return offsetPage(rows.map(toInboxItem), page, limit, total);
    },
  );

  app.put(
    '/questions/:id/answer',
    {
      schema: {
        operationId: 'answerQuestion',
        tags: ['questions'],
        summary: 'Create or replace the answer to a question on your product (any product for an admin)',
        security: BEARER_SECURITY,
        params: QuestionParams,
        querystring: NoQuery,
        body: AnswerBody,
        response: { 200: InboxItem, ...errorResponses(400, 401, 404, 500, 503) },
      },
    },
    async (request) => {
      const { actor } = request;
      const questionId = request.params.id;
      const now = app.now();
      const row = await app.db.transaction().execute(async (trx) => {
        if (!(await lockAnswerableQuestion(trx, questionId, scopeOf(actor)))) throw notFound('Question');
        await upsertAnswer(trx, questionId, actor.id, request.body.content, now);
        const [item] = await findInboxPage(trx, { questionId }, { limit: 1, offset: 0 });
        return item;
      });
      return toInboxItem(row);
    },
  );
};
