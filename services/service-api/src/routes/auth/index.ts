import { decoyPasswordHash, hashPassword, isDuplicateEntry, passwordNeedsRehash, passwordWeakness, rehashPassword, verifyPassword } from '@brandi/db';
import { accountAttemptKey, LOGIN_ROUTE_DESCRIPTION, SIGNUP_ROUTE_DESCRIPTION, conflict, errorResponses, unauthenticated, validationFailed } from '@brandi/http';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Created, LoginBody, LoginResponse, SignupBody } from './schemas.js';
import { findShopperCredentials, insertShopper } from './shoppers.repository.js';
import { NoQuery } from '../no-query.js';

export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Made now, so the first unknown id does not take longer than the ones after it.
  await decoyPasswordHash();

  app.post(
    '/auth/signup',
    {
      schema: {
        tags: ['auth'],
        summary: 'Create a shopper account',
        description: SIGNUP_ROUTE_DESCRIPTION,
        body: SignupBody,
        querystring: NoQuery,
        response: { 201: Created, ...errorResponses(400, 401, 409, 429, 500, 503) },
      },
    },
    async (request, reply) => {
      const { loginId, password, name, email, phone } = request.body;
      const weakness = passwordWeakness(password, loginId);
      if (weakness) throw validationFailed([{ field: 'password', message: weakness }]);
      await app.loginThrottle.spendSignup(request.ip);
      const passwordHash = await hashPassword(password);
      try {
        const id = await insertShopper(app.db, { login_id: loginId, password_hash: passwordHash, name, email: email ?? null, phone: phone ?? null });
        return reply.code(201).send({ id });
      } catch (err) {
        if (isDuplicateEntry(err)) throw conflict('This login id is taken', [{ field: 'loginId', message: 'is taken' }]);
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
      const shopper = await findShopperCredentials(app.db, loginId);
      // Budgeted per account (any spelling that found it) and per client, before the password is checked.
      const attempt = await app.loginThrottle.begin(request.ip, accountAttemptKey('shopper', shopper, loginId));
      // An unknown id costs the same argon2 run as a known one, so timing does not reveal which ids exist.
      const valid = await verifyPassword(password, shopper?.password_hash ?? (await decoyPasswordHash()));
      if (!shopper || !valid) throw unauthenticated('Wrong login id or password');
      await attempt.succeeded();
      if (passwordNeedsRehash(shopper.password_hash)) await rehashPassword(app.db, 'shoppers', shopper.id, shopper.password_hash, await hashPassword(password));
      reply.header('cache-control', 'no-store');
      return app.tokens.sign({ sub: String(shopper.id), role: 'shopper', tv: shopper.token_version });
    },
  );
};

export { LOGIN_ATTEMPTS_PER_WINDOW } from '@brandi/http';
