import { hasCurrentTokenVersion, unauthenticated, verifyBearer } from '@brandi/http';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const SHOPPER_TOKEN_AUDIENCE = 'brandi-service-api';

/**
 * Resolves the viewer of every request: no token = anonymous, a valid shopper token = that shopper,
 * anything else (expired, other service's token, tampered, alg none) = 401 on any route.
 */
export const authPlugin = fp(
  async (app: FastifyInstance) => {
    app.decorateRequest('viewer', null);
    app.addHook('onRequest', async (request) => {
      const bearer = await verifyBearer(app.tokens, request);
      if (bearer === undefined) return;
      if (bearer.claims.role !== 'shopper') throw unauthenticated();
      // One primary-key read: a token from before the account's last password change is refused.
      const shopper = await app.db.selectFrom('shoppers').select('token_version').where('id', '=', bearer.accountId).executeTakeFirst();
      if (!shopper || !hasCurrentTokenVersion(bearer.claims, shopper.token_version)) throw unauthenticated();
      request.viewer = { shopperId: bearer.accountId };
    });
    app.decorate('requireShopper', async (request) => {
      if (!request.viewer) throw unauthenticated('Sign in to do this');
    });
  },
  { name: 'auth' },
);
