import { decoyPasswordHash, duplicateKeyName, hashPassword, passwordNeedsRehash, passwordWeakness, rehashPassword, verifyPassword } from '@brandi/db';
import { accountAttemptKey, LOGIN_ROUTE_DESCRIPTION, SIGNUP_ROUTE_DESCRIPTION, BEARER_SECURITY, conflict, errorResponses, unauthenticated, validationFailed } from '@brandi/http';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { SellerProfile } from '../sellers/schemas.js';
import { toSellerProfile } from '../sellers/sellers.present.js';
import { findSellerProfileRow } from '../sellers/sellers.repository.js';
import { Created, LoginBody, LoginResponse, NoQuery, SignupBody } from './schemas.js';
import { findSellerCredentials, insertSellerWithHistory } from './sellers-auth.repository.js';

const DUPLICATE_FIELDS: Record<string, string> = {
  uq_sellers_login_id: 'loginId',
  uq_sellers_name_ko: 'nameKo',
  uq_sellers_name_en: 'nameEn',
};

/** Signup and login: public, registered outside the authenticated scope. */
export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Made now, so the first unknown id does not take longer than the ones after it.
  await decoyPasswordHash();

  app.post(
    '/auth/signup',
    {
      schema: {
        tags: ['auth'],
        summary: 'Apply as a seller (status pending until an admin activates the account)',
        description: SIGNUP_ROUTE_DESCRIPTION,
        body: SignupBody,
        querystring: NoQuery,
        response: { 201: Created, ...errorResponses(400, 409, 429, 500, 503) },
      },
    },
    async (request, reply) => {
      const { password, loginId, nameKo, nameEn, attributeId, csPhone, siteUrl, managerPhone } = request.body;
      const weakness = passwordWeakness(password, loginId);
      if (weakness) throw validationFailed([{ field: 'password', message: weakness }]);
      await app.loginThrottle.spendSignup(request.ip);
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
      schema: {
        tags: ['auth'],
        summary: 'Exchange a login id and password for an access token',
        description: LOGIN_ROUTE_DESCRIPTION,
        body: LoginBody,
        querystring: NoQuery,
        response: { 200: LoginResponse, ...errorResponses(400, 401, 429, 500, 503) },
      },
    },
    async (request, reply) => {
      const { loginId, password } = request.body;
      const seller = await findSellerCredentials(app.db, loginId);
      // Budgeted per account (any spelling that found it) and per client, before the password is checked.
      const attempt = await app.loginThrottle.begin(request.ip, accountAttemptKey('seller', seller, loginId));
      // An unknown id costs the same argon2 run as a known one, so timing does not reveal which ids exist.
      const valid = await verifyPassword(password, seller?.password_hash ?? (await decoyPasswordHash()));
      // A closed seller's token would be refused on every request, so it gets none.
      if (!seller || !valid || seller.status === 'closed') throw unauthenticated('Wrong login id or password');
      await attempt.succeeded();
      if (passwordNeedsRehash(seller.password_hash)) await rehashPassword(app.db, 'sellers', seller.id, seller.password_hash, await hashPassword(password));
      const token = await app.tokens.sign({ sub: String(seller.id), role: seller.role, tv: seller.token_version });
      reply.header('cache-control', 'no-store');
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

export { LOGIN_ATTEMPTS_PER_WINDOW } from '@brandi/http';
