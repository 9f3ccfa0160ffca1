import { BEARER_SECURITY, errorResponses, notFound } from '@brandi/http';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { presentRevision } from '../use-cases/product-detail.js';
import { findProductRevision, findProductRevisions } from '../sql/product-revisions.repository.js';
import { findProductHeader } from '../sql/products.repository.js';
import { NoQuery, ProductDetail, ProductHistory, ProductParams, ProductVersionParams } from './schemas.js';

/** Line history of a product (kept after a delete): every version, and any one version in full. */
export const productHistoryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/products/:id/history',
    {
      schema: {
        operationId: 'getProductHistory',
        tags: ['products'],
        summary: 'Every version of a product, newest first, with who changed what',
        security: BEARER_SECURITY,
        params: ProductParams,
        querystring: NoQuery,
        response: { 200: ProductHistory, ...errorResponses(400, 401, 404, 500, 503) },
      },
    },
    async (request) => {
      const header = await findProductHeader(app.db, request.actor, request.params.id, { includeDeleted: true });
      if (!header) throw notFound('Product');
      const rows = await findProductRevisions(app.db, header.id);
      return rows.map((row) => ({
        version: row.version,
        validFrom: row.valid_from.toISOString(),
        validTo: row.valid_to === null ? null : row.valid_to.toISOString(),
        changedBy: { id: row.changer_id, nameKo: row.changer_name, role: row.changer_role },
        action: row.action,
        changes: row.changes,
      }));
    },
  );

  app.get(
    '/products/:id/history/:version',
    {
      schema: {
        operationId: 'getProductRevision',
        tags: ['products'],
        summary: 'The full product as of one version',
        security: BEARER_SECURITY,
        params: ProductVersionParams,
        querystring: NoQuery,
        response: { 200: ProductDetail, ...errorResponses(400, 401, 404, 500, 503) },
      },
    },
    async (request) => {
      const { id, version } = request.params;
      const header = await findProductHeader(app.db, request.actor, id, { includeDeleted: true });
      const revision = header && (await findProductRevision(app.db, id, version));
      if (!header || !revision) throw notFound('Product version');
      return presentRevision(app.db, app.store, header, revision);
    },
  );
};
