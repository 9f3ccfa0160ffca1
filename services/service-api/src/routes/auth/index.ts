import { decoyPasswordHash, hashPassword, isDuplicateEntry, verifyPassword } from '@brandi/db';
import { conflict, errorResponses, loginRateLimit, registerLoginRateLimiter, unauthenticated } from '@brandi/http';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Created, LoginBody, LoginResponse, SignupBody } from './schemas.js';
import { findShopperCredentials, insertShopper } from './shoppers.repository.js';
import { NoQuery } from '../no-query.js';

export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await registerLoginRateLimiter(app);

  app.post(
    '/auth/signup',
    {
      schema: {
        tags: ['auth'],
        summary: 'Create a shopper account',
        body: SignupBody,
        querystring: NoQuery,
        response: { 201: Created, ...errorResponses(400, 401, 409, 500, 503) },
      },
    },
    async (request, reply) => {
      const { loginId, password, name, email, phone } = request.body;
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
      config: loginRateLimit,
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
      const shopper = await findShopperCredentials(app.db, loginId);
      // An unknown id costs the same scrypt run as a known one, so timing does not reveal which ids exist.
      const valid = await verifyPassword(password, shopper?.password_hash ?? (await decoyPasswordHash()));
      if (!shopper || !valid) throw unauthenticated('Wrong login id or password');
      return app.tokens.sign({ sub: String(shopper.id), role: 'shopper' });
    },
  );
};

export { LOGIN_ATTEMPTS_PER_WINDOW } from '@brandi/http';
