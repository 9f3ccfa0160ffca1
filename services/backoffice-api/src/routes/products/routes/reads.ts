import { BEARER_SECURITY, errorResponses, offsetPage, pageWindow, parseDateTime } from '@brandi/http';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { productHistoryRoutes } from './history.js';
import { loadProductDetail, loadProductDetailAt } from '../use-cases/product-detail.js';
import { toProductListItem } from '../use-cases/products.present.js';
import { findProductListPage } from '../sql/products.repository.js';
import { ProductDetail, ProductDetailQuery, ProductListQuery, ProductPage, ProductParams } from './schemas.js';
import { productWriteRoutes } from './writes.js';

export const productRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/products',
    {
      config: { reads: 'replica' },
      schema: {
        operationId: 'listProducts',
        tags: ['products'],
        summary: 'Your products (all, for an admin), newest registration first, with filters',
        security: BEARER_SECURITY,
        querystring: ProductListQuery,
        response: { 200: ProductPage, ...errorResponses(400, 401, 500, 503) },
      },
    },
    async (request) => {
      const { page: _page, limit: _limit, sort = 'newest', ...query } = request.query;
      const { page, limit, offset } = pageWindow(request.query);
      const now = app.now();
      const { rows, total } = await findProductListPage(request.readDb, request.actor, query, sort, { limit, offset }, now);
      return offsetPage(
        rows.map((row) => toProductListItem(row, now, (key) => app.store.publicUrl(key))),
        page,
        limit,
        total,
      );
    },
  );

  app.get(
    '/products/:id',
    {
      schema: {
        operationId: 'getProduct',
        tags: ['products'],
        summary: 'A product with everything the edit form needs; `at` gives the version valid at that instant',
        security: BEARER_SECURITY,
        params: ProductParams,
        querystring: ProductDetailQuery,
        response: { 200: ProductDetail, ...errorResponses(400, 401, 404, 500, 503) },
      },
    },
    async (request) => {
      const { id } = request.params;
      const { at } = request.query;
      // The querystring's date-time format has accepted `at`, so it parses.
      if (at !== undefined) return loadProductDetailAt(app.db, app.store, request.actor, id, parseDateTime(at)!, app.now());
      return loadProductDetail(app.db, app.store, request.actor, id, app.now());
    },
  );

  await app.register(productHistoryRoutes);
  await app.register(productWriteRoutes);
};
