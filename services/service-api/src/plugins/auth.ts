import { callerAuthPlugin, hasCurrentTokenVersion, unauthenticated } from '@brandi/http';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const SHOPPER_TOKEN_AUDIENCE = 'brandi-service-api';

/**
 * Resolves the viewer on the routes that use one (`config.auth` `optional` or `required`): no token =
 * anonymous, a valid shopper token = that shopper, anything else (expired, another service's, tampered, alg
 * none) = 401. Every other route (catalogue reads, health, docs) ignores the Authorization header.
 */
export const authPlugin = fp(
  async (app: FastifyInstance) => {
    app.decorateRequest('viewer', null);
    await app.register(callerAuthPlugin, {
      defaultAuth: 'none',
      async identify(request, { claims, accountId }) {
        if (claims.role !== 'shopper') throw unauthenticated();
        // One primary-key read: a token from before the account's last password change is refused.
        const shopper = await app.db.selectFrom('shoppers').select('token_version').where('id', '=', accountId).executeTakeFirst();
        if (!shopper || !hasCurrentTokenVersion(claims, shopper.token_version)) throw unauthenticated();
        request.viewer = { shopperId: accountId };
      },
    });
  },
  { name: 'auth' },
);
