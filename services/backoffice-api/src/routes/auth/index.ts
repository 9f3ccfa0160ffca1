import { duplicateKeyName } from '@brandi/db';
import { BEARER_SECURITY, conflict, errorResponses, NoQuery, passwordAuthRoutes, unauthenticated } from '@brandi/http';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { SellerClaims } from '../../types.js';
import { SellerProfile } from '../sellers/schemas.js';
import { toSellerProfile } from '../sellers/sellers.present.js';
import { findSellerProfileRow } from '../sellers/sellers.repository.js';
import { LoginResponse, SignupBody } from './schemas.js';
import { findSellerCredentials, insertSellerWithHistory } from './sellers-auth.repository.js';

const DUPLICATE_FIELDS: Record<string, string> = {
  uq_sellers_login_id: 'loginId',
  uq_sellers_name_ko: 'nameKo',
  uq_sellers_name_en: 'nameEn',
};

/** Signup and login: public, registered outside the authenticated scope. */
export const authRoutes = passwordAuthRoutes(
  {
    summary: 'Apply as a seller (status pending until an admin activates the account)',
    body: SignupBody,
    errorStatuses: [400, 409, 429, 500, 503],
    async insert(app, body, passwordHash) {
      const seller = {
        login_id: body.loginId,
        password_hash: passwordHash,
        role: 'seller' as const,
        status: 'pending' as const,
        attribute_id: body.attributeId,
        name_ko: body.nameKo,
        name_en: body.nameEn,
        cs_phone: body.csPhone,
        site_url: body.siteUrl,
        manager_phone: body.managerPhone,
      };
      return app.db.transaction().execute((trx) => insertSellerWithHistory(trx, seller, app.now()));
    },
    conflictOf(err) {
      const field = DUPLICATE_FIELDS[duplicateKeyName(err) ?? ''];
      return field ? conflict(`${field} is already taken`, [{ field, message: 'is already taken' }]) : undefined;
    },
  },
  {
    kind: 'seller',
    table: 'sellers',
    findCredentials: findSellerCredentials,
    // A closed seller's token would be refused on every request, so it gets none.
    refuses: (seller) => seller.status === 'closed',
    claims: (seller): SellerClaims => ({ sub: String(seller.id), role: seller.role, tv: seller.token_version }),
    response: LoginResponse,
    respond: (seller, token) => ({
      ...token,
      seller: { id: seller.id, loginId: seller.login_id, nameKo: seller.name_ko, role: seller.role, status: seller.status },
    }),
  },
);

/** GET /auth/me, inside the authenticated scope. */
export const meRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/auth/me',
    {
      schema: {
        operationId: 'getMe',
        tags: ['auth'],
        summary: "The caller's profile",
        security: BEARER_SECURITY,
        querystring: NoQuery,
        response: { 200: SellerProfile, ...errorResponses(401, 500, 503) },
      },
    },
    async (request) => {
      const row = await findSellerProfileRow(app.db, request.actor.id);
      if (!row) throw unauthenticated();
      return toSellerProfile(row);
    },
  );
};
