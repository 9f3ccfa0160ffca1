import { BEARER_SECURITY, catalogChanges, errorResponses, forbidden, notFound, offsetPage, pageWindow } from '@brandi/http';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { assertCanSeeSeller, changeSellerPassword, patchSeller } from './seller-changes.js';
import { findSellerRevisions } from './seller-revisions.repository.js';
import { toSellerHistory, toSellerListItem, toSellerProfile } from './sellers.present.js';
import { countSellers, findSellerPage, findSellerProfileRow } from './sellers.repository.js';
import {
  NoContent,
  NoQuery,
  PasswordBody,
  SellerHistory,
  SellerListQuery,
  SellerPage,
  SellerParams,
  SellerPatchBody,
  SellerProfile,
} from './schemas.js';

export const sellerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/sellers',
    {
      config: { reads: 'replica' },
      schema: {
        operationId: 'listSellers',
        tags: ['sellers'],
        summary: 'Sellers (admin only), newest registration first; text filters match "contains"',
        security: BEARER_SECURITY,
        querystring: SellerListQuery,
        response: { 200: SellerPage, ...errorResponses(400, 401, 403, 500, 503) },
      },
    },
    async (request) => {
      if (request.actor.role !== 'admin') throw forbidden('Only an admin can list sellers');
      const { page: _page, limit: _limit, ...filter } = request.query;
      const { page, limit, offset } = pageWindow(request.query);
      const [rows, total] = await Promise.all([
        findSellerPage(request.readDb, filter, { limit, offset }),
        countSellers(request.readDb, filter),
      ]);
      return offsetPage(rows.map(toSellerListItem), page, limit, total);
    },
  );

  app.get(
    '/sellers/:id',
    {
      schema: {
        operationId: 'getSeller',
        tags: ['sellers'],
        summary: 'A seller profile (yourself, or anyone for an admin)',
        security: BEARER_SECURITY,
        params: SellerParams,
        querystring: NoQuery,
        response: { 200: SellerProfile, ...errorResponses(400, 401, 404, 500, 503) },
      },
    },
    async (request) => {
      assertCanSeeSeller(request.actor, request.params.id);
      const row = await findSellerProfileRow(app.db, request.params.id);
      if (!row) throw notFound('Seller');
      return toSellerProfile(row);
    },
  );

  app.patch(
    '/sellers/:id',
    {
      schema: {
        operationId: 'updateSeller',
        tags: ['sellers'],
        summary: 'Change profile fields (yourself or an admin); status by an admin only, legal moves only; kept as line history',
        security: BEARER_SECURITY,
        params: SellerParams,
        querystring: NoQuery,
        body: SellerPatchBody,
        response: { 200: SellerProfile, ...errorResponses(400, 401, 403, 404, 409, 500, 503) },
      },
    },
    async (request) => {
      const row = await patchSeller(app.db, request.actor, request.params.id, request.body, app.now());
      // Name, image, site and status show on every product page and feed of the seller's: rare enough to drop all.
      await app.catalogCache.invalidate(catalogChanges.everything());
      return toSellerProfile(row);
    },
  );

  app.get(
    '/sellers/:id/history',
    {
      schema: {
        operationId: 'getSellerHistory',
        tags: ['sellers'],
        summary: "A seller's line history, newest first: each version is valid from its change until the next",
        security: BEARER_SECURITY,
        params: SellerParams,
        querystring: NoQuery,
        response: { 200: SellerHistory, ...errorResponses(400, 401, 404, 500, 503) },
      },
    },
    async (request) => {
      assertCanSeeSeller(request.actor, request.params.id);
      const rows = await findSellerRevisions(app.db, request.params.id);
      if (rows.length === 0 && !(await findSellerProfileRow(app.db, request.params.id))) throw notFound('Seller');
      return toSellerHistory(rows);
    },
  );

  app.put(
    '/sellers/:id/password',
    {
      schema: {
        operationId: 'setSellerPassword',
        tags: ['sellers'],
        summary:
          'Change your own password; needs the current one (wrong → 401, rate limited like a login); every earlier token stops working',
        security: BEARER_SECURITY,
        params: SellerParams,
        querystring: NoQuery,
        body: PasswordBody,
        response: { 204: NoContent, ...errorResponses(400, 401, 403, 404, 429, 500, 503) },
      },
    },
    async (request, reply) => {
      await changeSellerPassword(app.db, app.loginThrottle, request, request.params.id, request.body, app.now());
      return reply.code(204).send(null);
    },
  );
};
