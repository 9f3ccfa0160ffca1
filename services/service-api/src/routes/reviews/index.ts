import { insertReview, isDuplicateEntry, moveReviewStats, withTransactionRetry } from '@brandi/db';
import { ConflictError, NotFoundError } from '@brandi/errors';
import { REVIEWABLE_STATUSES } from '@brandi/orders';
import { BEARER_SECURITY, catalogChanges, errorResponses, NoQuery, notFound, offsetPage, pageWindow } from '@brandi/http';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { findVisibleProductSeller } from '../products/product-detail.repository.js';
import { findReviewSummary } from './review-stats.repository.js';
import { toMyReview, toReviewItem } from './reviews.present.js';
import {
  buildMyReviewPageQuery,
  buildProductReviewPageQuery,
  countMyReviews,
  findMyReview,
  findReviewOfItem,
  lockOwnLiveReview,
  lockReviewableItem,
} from './reviews.repository.js';
import {
  IdParams,
  MyReview,
  MyReviewPage,
  MyReviewsQuery,
  NewReviewBody,
  NoContent,
  ProductReviewPage,
  ProductReviewsQuery,
  ReviewPatchBody,
} from './schemas.js';

export const reviewRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/products/:id/reviews',
    {
      config: { reads: 'replica' },
      schema: {
        operationId: 'listProductReviews',
        tags: ['reviews'],
        summary: "A visible product's reviews with its rating summary (kept with the product, not counted per view)",
        params: IdParams,
        querystring: ProductReviewsQuery,
        response: { 200: ProductReviewPage, ...errorResponses(400, 401, 404, 500, 503) },
      },
    },
    async (request) => {
      const { sort = 'newest', rating, ...paging } = request.query;
      const { page, limit, offset } = pageWindow(paging);
      const productId = request.params.id;
      if (!(await findVisibleProductSeller(request.readDb, productId))) throw notFound('Product');
      const [rows, summary] = await Promise.all([
        buildProductReviewPageQuery(request.readDb, { productId, rating }, sort, { limit, offset }).execute(),
        findReviewSummary(request.readDb, productId),
      ]);
      // The summary is the total: every live review, or those of one rating.
      const total = rating === undefined ? summary.count : summary.ratings[rating as 1 | 2 | 3 | 4 | 5];
      return { ...offsetPage(rows.map(toReviewItem), page, limit, total), summary };
    },
  );

  app.post(
    '/me/order-items/:id/review',
    {
      config: { auth: 'required' },
      schema: {
        operationId: 'createReview',
        tags: ['reviews'],
        summary: 'Review an item of yours that is delivered or confirmed (once per item)',
        security: BEARER_SECURITY,
        params: IdParams,
        querystring: NoQuery,
        body: NewReviewBody,
        response: { 201: MyReview, ...errorResponses(400, 401, 404, 409, 500, 503) },
      },
    },
    async (request, reply) => {
      const shopperId = request.viewer!.shopperId;
      const { rating, fit, content } = request.body;
      const { id, productId } = await withTransactionRetry(app.db, async (trx) => {
        const item = await lockReviewableItem(trx, request.params.id);
        if (!item || item.shopper_id !== shopperId) throw new NotFoundError('Order item');
        if (!REVIEWABLE_STATUSES.has(item.status)) throw new ConflictError(`A ${item.status} item cannot be reviewed yet`);
        if (await findReviewOfItem(trx, item.id)) throw new ConflictError('This item has already been reviewed');
        const review = {
          itemId: item.id,
          productId: item.product_id,
          shopperId,
          color: item.option_color,
          size: item.option_size,
          rating,
          fit,
          content,
          now: app.now(),
        };
        const reviewId = await insertReview(trx, review).catch((err: unknown) => {
          throw isDuplicateEntry(err) ? new ConflictError('This item has already been reviewed') : err;
        });
        await moveReviewStats(trx, item.product_id, null, { rating, fit });
        return { id: reviewId, productId: item.product_id };
      });
      await app.cache.invalidate(catalogChanges.productPage(productId));
      return reply.code(201).send(toMyReview(await findMyReview(app.db, id), app.store));
    },
  );

  app.patch(
    '/me/reviews/:id',
    {
      config: { auth: 'required' },
      schema: {
        operationId: 'updateReview',
        tags: ['reviews'],
        summary: 'Edit your review (rating, fit, content)',
        security: BEARER_SECURITY,
        params: IdParams,
        querystring: NoQuery,
        body: ReviewPatchBody,
        response: { 200: MyReview, ...errorResponses(400, 401, 404, 500, 503) },
      },
    },
    async (request) => {
      const shopperId = request.viewer!.shopperId;
      const productId = await withTransactionRetry(app.db, async (trx) => {
        const review = await lockOwnLiveReview(trx, request.params.id, shopperId);
        if (!review) throw new NotFoundError('Review');
        const after = { rating: request.body.rating ?? review.rating, fit: request.body.fit ?? review.fit };
        await trx
          .updateTable('reviews')
          .set({ ...after, content: request.body.content ?? review.content, updated_at: app.now() })
          .where('id', '=', review.id)
          .execute();
        await moveReviewStats(trx, review.product_id, { rating: review.rating, fit: review.fit }, after);
        return review.product_id;
      });
      await app.cache.invalidate(catalogChanges.productPage(productId));
      return toMyReview(await findMyReview(app.db, request.params.id), app.store);
    },
  );

  app.delete(
    '/me/reviews/:id',
    {
      config: { auth: 'required' },
      schema: {
        operationId: 'deleteReview',
        tags: ['reviews'],
        summary: 'Delete your review (soft; the item cannot be reviewed again)',
        security: BEARER_SECURITY,
        params: IdParams,
        querystring: NoQuery,
        response: { 204: NoContent, ...errorResponses(400, 401, 404, 500, 503) },
      },
    },
    async (request, reply) => {
      const productId = await withTransactionRetry(app.db, async (trx) => {
        const review = await lockOwnLiveReview(trx, request.params.id, request.viewer!.shopperId);
        if (!review) throw new NotFoundError('Review');
        await trx.updateTable('reviews').set({ deleted_at: app.now() }).where('id', '=', review.id).execute();
        await moveReviewStats(trx, review.product_id, { rating: review.rating, fit: review.fit }, null);
        return review.product_id;
      });
      await app.cache.invalidate(catalogChanges.productPage(productId));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me/reviews',
    {
      config: { auth: 'required' },
      schema: {
        operationId: 'listMyReviews',
        tags: ['reviews'],
        summary: 'Your reviews, newest first',
        security: BEARER_SECURITY,
        querystring: MyReviewsQuery,
        response: { 200: MyReviewPage, ...errorResponses(400, 401, 500, 503) },
      },
    },
    async (request) => {
      const shopperId = request.viewer!.shopperId;
      const { page, limit, offset } = pageWindow(request.query);
      const [rows, total] = await Promise.all([
        buildMyReviewPageQuery(app.db, shopperId, { limit, offset }).execute(),
        countMyReviews(app.db, shopperId),
      ]);
      return offsetPage(
        rows.map((row) => toMyReview(row, app.store)),
        page,
        limit,
        total,
      );
    },
  );
};
