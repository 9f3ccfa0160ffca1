import { decoyPasswordHash, duplicateKeyName, hashPassword, verifyPassword } from '@brandi/db';
import { BEARER_SECURITY, conflict, errorResponses, rateLimited, unauthenticated } from '@brandi/http';
import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { SellerProfile } from '../sellers/schemas.js';
import { toSellerProfile } from '../sellers/sellers.present.js';
import { findSellerProfileRow } from '../sellers/sellers.repository.js';
import { Created, LoginBody, LoginResponse, NoQuery, SignupBody } from './schemas.js';
import { findSellerCredentials, insertSellerWithHistory } from './sellers-auth.repository.js';

/** Login attempts allowed per client address and login id in each window. */
export const LOGIN_ATTEMPTS_PER_WINDOW = 10;
const LOGIN_WINDOW_MS = 5 * 60_000;

const DUPLICATE_FIELDS: Record<string, string> = {
  uq_sellers_login_id: 'loginId',
  uq_sellers_name_ko: 'nameKo',
  uq_sellers_name_en: 'nameEn',
};

// Keyed after body validation (preHandler) so the login id is known; per id so one seller's typos do not
// lock out a whole office behind one NAT.
function loginAttemptKey(request: FastifyRequest): string {
  const { loginId } = request.body as LoginBody;
  return `${request.ip}\u0000${loginId.toLowerCase()}`;
}

/** Signup and login: public, registered outside the authenticated scope. */
export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => rateLimited(context.ttl / 1000),
  });

  app.post(
    '/auth/signup',
    {
      schema: {
        tags: ['auth'],
        summary: 'Apply as a seller (status pending until an admin activates the account)',
        body: SignupBody,
        querystring: NoQuery,
        response: { 201: Created, ...errorResponses(400, 409, 500, 503) },
      },
    },
    async (request, reply) => {
      const { password, loginId, nameKo, nameEn, attributeId, csPhone, siteUrl, managerPhone } = request.body;
      const passwordHash = await hashPassword(password);
      const seller = {
        login_id: loginId,
        password_hash: passwordHash,
        role: 'seller' as const,
        status: 'pending' as const,
        attribute_id: attributeId,
        name_ko: nameKo,
        name_en: nameEn,
        cs_phone: csPhone,
        site_url: siteUrl,
        manager_phone: managerPhone,
      };
      try {
        const id = await app.db.transaction().execute((trx) => insertSellerWithHistory(trx, seller, app.now()));
        return reply.code(201).send({ id });
      } catch (err) {
        const field = DUPLICATE_FIELDS[duplicateKeyName(err) ?? ''];
        if (field) throw conflict(`${field} is already taken`, [{ field, message: 'is already taken' }]);
        throw err;
      }
    },
  );

  app.post(
    '/auth/login',
    {
      config: { rateLimit: { max: LOGIN_ATTEMPTS_PER_WINDOW, timeWindow: LOGIN_WINDOW_MS, hook: 'preHandler', keyGenerator: loginAttemptKey } },
      schema: {
        tags: ['auth'],
        summary: 'Exchange a login id and password for an access token',
        body: LoginBody,
        querystring: NoQuery,
        response: { 200: LoginResponse, ...errorResponses(400, 401, 429, 500, 503) },
      },
    },
    async (request) => {
      const { loginId, password } = request.body;
      const seller = await findSellerCredentials(app.db, loginId);
      // An unknown id costs the same scrypt run as a known one, so timing does not reveal which ids exist.
      const valid = await verifyPassword(password, seller?.password_hash ?? (await decoyPasswordHash()));
      // A closed seller's token would be refused on every request, so it gets none.
      if (!seller || !valid || seller.status === 'closed') throw unauthenticated('Wrong login id or password');
      const token = await app.tokens.sign({ sub: String(seller.id), role: seller.role });
      return {
        ...token,
        seller: { id: seller.id, loginId: seller.login_id, nameKo: seller.name_ko, role: seller.role, status: seller.status },
      };
    },
  );
};

/** GET /auth/me, inside the authenticated scope. */
export const meRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/auth/me',
    {
      schema: {
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
