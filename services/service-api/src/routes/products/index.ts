import type { Db } from '@brandi/db';
import { catalogReads, errorResponses, NoQuery, notFound } from '@brandi/http';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { cacheFillDb } from '../../cache-source.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { countProductQuestions, findProductImageKeys, findProductOptions, findVisibleProduct } from './product-detail.repository.js';
import { toProductDetail, toProductListItem } from './products.present.js';
import { findProductPage } from './feed-plan.js';
import { ProductDetail, ProductListQuery, ProductListResponse, ProductParams } from './schemas.js';

const DEFAULT_LIMIT = 60;
const CACHEABLE_FILTERS = new Set(['mainCategoryId', 'firstCategoryId', 'secondCategoryId']);

export const productRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/products',
    {
      config: { reads: 'replica' },
      schema: {
        operationId: 'listProducts',
        tags: ['products'],
        summary: 'The product feed: displayed products of active sellers, cursor-paged',
        querystring: ProductListQuery,
        response: { 200: ProductListResponse, ...errorResponses(400, 401, 500, 503) },
      },
    },
    async (request) => {
      const { sort = 'recommended', limit = DEFAULT_LIMIT, cursor, ...filter } = request.query;
      const now = app.now();
      const load = (db: Db) =>
        findProductPage(db, { filter, sort, limit, now, cursor: cursor === undefined ? undefined : decodeCursor(sort, cursor) });
      // Only first pages of plain category feeds are hot enough to cache; everything else goes to the DB.
      const cacheable = cursor === undefined && Object.keys(filter).every((k) => CACHEABLE_FILTERS.has(k));
      const page = cacheable
        ? await app.cache.remember(catalogReads.feedFirstPage(sort, limit, filter), () => load(cacheFillDb(request)))
        : await load(request.readDb);
      return {
        items: page.rows.map((row) => toProductListItem(row, now, app.store)),
        nextCursor: page.next === null ? null : encodeCursor(sort, page.next),
      };
    },
  );

  app.get(
    '/products/:id',
    {
      config: { reads: 'replica' },
      schema: {
        operationId: 'getProduct',
        tags: ['products'],
        summary: 'One visible product with images, options, category path and seller',
        params: ProductParams,
        querystring: NoQuery,
        response: { 200: ProductDetail, ...errorResponses(400, 401, 404, 500, 503) },
      },
    },
    async (request) => {
      const { id } = request.params;
      const found = await app.cache.remember(catalogReads.productPage(id), async () => {
        const db = cacheFillDb(request);
        const row = await findVisibleProduct(db, id);
        if (!row) return null;
        const [imageKeys, options, questionCount] = await Promise.all([
          findProductImageKeys(db, id),
          findProductOptions(db, id),
          countProductQuestions(db, id),
        ]);
        return { row, imageKeys, options, questionCount };
      });
      if (!found) throw notFound('Product');
      const { row, imageKeys, options, questionCount } = found;
      return toProductDetail(row, { imageKeys: imageKeys.map((i) => i.object_key), options, questionCount }, app.now(), app.store);
    },
  );
};
