import {
  BEARER_SECURITY,
  catalogChanges,
  errorResponses,
  forbidden,
  NoQuery,
  notFound,
  offsetPage,
  pageWindow,
  validationFailed,
} from '@brandi/http';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { findVisibleProductSeller } from '../products/product-detail.repository.js';
import { toMyQuestionItem, toQuestionItem } from './questions.present.js';
import {
  buildQuestionPageQuery,
  countQuestions,
  findLiveQuestionOwner,
  findQuestionType,
  findQuestionTypes,
  insertQuestion,
  softDeleteQuestion,
} from './questions.repository.js';
import {
  Created,
  IdParams,
  MyQuestionPage,
  MyQuestionsQuery,
  NewQuestionBody,
  NoContent,
  ProductQuestionsQuery,
  QuestionPage,
  QuestionTypeList,
} from './schemas.js';

const OPTIONAL_BEARER = [{}, ...BEARER_SECURITY];

export const questionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/question-types',
    {
      config: { reads: 'replica' },
      schema: {
        operationId: 'listQuestionTypes',
        tags: ['questions'],
        summary: 'The question types',
        querystring: NoQuery,
        response: { 200: QuestionTypeList, ...errorResponses(400, 401, 500, 503) },
      },
    },
    (request) => findQuestionTypes(request.readDb),
  );

  app.get(
    '/products/:id/questions',
    {
      // isMine: a sent token is read, so a bad one is 401 rather than silently anonymous.
      config: { auth: 'optional', reads: 'replica' },
      schema: {
        operationId: 'listProductQuestions',
        tags: ['questions'],
        summary: "A visible product's questions, newest first (private ones masked unless yours)",
        security: OPTIONAL_BEARER,
        params: IdParams,
        querystring: ProductQuestionsQuery,
        response: { 200: QuestionPage, ...errorResponses(400, 401, 404, 500, 503) },
      },
    },
    async (request) => {
      const { typeId, answered, ...paging } = request.query;
      const { page, limit, offset } = pageWindow(paging);
      const productId = request.params.id;
      if (!(await findVisibleProductSeller(request.readDb, productId))) throw notFound('Product');
      const filter = { productId, typeId, answered };
      const [rows, total] = await Promise.all([
        buildQuestionPageQuery(request.readDb, filter, { limit, offset }).execute(),
        countQuestions(request.readDb, filter),
      ]);
      return offsetPage(
        rows.map((row) => toQuestionItem(row, request.viewer)),
        page,
        limit,
        total,
      );
    },
  );

  app.post(
    '/products/:id/questions',
    {
      config: { auth: 'required' },
      schema: {
        operationId: 'askQuestion',
        tags: ['questions'],
        summary: 'Ask a question about a visible product',
        security: BEARER_SECURITY,
        params: IdParams,
        querystring: NoQuery,
        body: NewQuestionBody,
        response: { 201: Created, ...errorResponses(400, 401, 404, 500, 503) },
      },
    },
    async (request, reply) => {
      const { typeId, content, isPrivate } = request.body;
      const product = await findVisibleProductSeller(app.db, request.params.id);
      if (!product) throw notFound('Product');
      if (!(await findQuestionType(app.db, typeId))) throw validationFailed([{ field: 'typeId', message: 'is not a question type' }]);
      const id = await insertQuestion(app.db, {
        product_id: product.id,
        seller_id: product.seller_id,
        shopper_id: request.viewer!.shopperId,
        type_id: typeId,
        content,
        is_private: isPrivate,
        created_at: app.now(),
        deleted_at: null,
      });
      await app.cache.invalidate(catalogChanges.productPage(product.id));
      return reply.code(201).send({ id });
    },
  );

  app.delete(
    '/questions/:id',
    {
      config: { auth: 'required' },
      schema: {
        operationId: 'deleteQuestion',
        tags: ['questions'],
        summary: 'Delete your own question',
        security: BEARER_SECURITY,
        params: IdParams,
        querystring: NoQuery,
        response: { 204: NoContent, ...errorResponses(400, 401, 403, 404, 500, 503) },
      },
    },
    async (request, reply) => {
      const question = await findLiveQuestionOwner(app.db, request.params.id);
      if (!question) throw notFound('Question');
      if (question.shopper_id !== request.viewer!.shopperId) throw forbidden('You can only delete your own questions');
      await softDeleteQuestion(app.db, question.id, app.now());
      await app.cache.invalidate(catalogChanges.productPage(question.product_id));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me/questions',
    {
      config: { auth: 'required' },
      schema: {
        operationId: 'listMyQuestions',
        tags: ['questions'],
        summary: 'Your questions, newest first',
        security: BEARER_SECURITY,
        querystring: MyQuestionsQuery,
        response: { 200: MyQuestionPage, ...errorResponses(400, 401, 500, 503) },
      },
    },
    async (request) => {
      const viewer = request.viewer!;
      const { page, limit, offset } = pageWindow(request.query);
      const filter = { shopperId: viewer.shopperId };
      const [rows, total] = await Promise.all([
        buildQuestionPageQuery(app.db, filter, { limit, offset }).execute(),
        countQuestions(app.db, filter),
      ]);
      return offsetPage(
        rows.map((row) => toMyQuestionItem(row, viewer, app.store)),
        page,
        limit,
        total,
      );
    },
  );
};
