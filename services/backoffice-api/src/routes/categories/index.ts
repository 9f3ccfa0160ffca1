import { BEARER_SECURITY, badRequest, errorResponses, forbidden, notFound } from '@brandi/http';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Actor } from '../../types.js';
import { findGroupCategories, findSellerAttributeId } from './categories.repository.js';
import { CategoriesQuery, FirstCategoryList } from './schemas.js';

// `sellerId` is an admin's choice of group; a seller may only name itself, anything else is a 403.
function resolveSellerId(actor: Actor, sellerId: number | undefined): number {
  if (actor.role === 'admin') {
    if (sellerId === undefined)
      throw badRequest('sellerId is required for an admin', [{ field: 'sellerId', message: 'is required for an admin' }]);
    return sellerId;
  }
  if (sellerId !== undefined && sellerId !== actor.id) throw forbidden('A seller can only list its own categories');
  return actor.id;
}

export const categoryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/categories',
    {
      schema: {
        operationId: 'listCategories',
        tags: ['categories'],
        summary: "The first and second categories of a seller's group (the caller's own, or ?sellerId= for an admin)",
        security: BEARER_SECURITY,
        querystring: CategoriesQuery,
        response: { 200: FirstCategoryList, ...errorResponses(400, 401, 403, 404, 500, 503) },
      },
    },
    async (request) => {
      const sellerId = resolveSellerId(request.actor, request.query.sellerId);
      const attributeId = await findSellerAttributeId(app.db, sellerId);
      if (attributeId === undefined || attributeId === null) throw notFound('Seller');
      return findGroupCategories(app.db, attributeId);
    },
  );
};
