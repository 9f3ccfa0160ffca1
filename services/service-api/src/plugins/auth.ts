import { createTokenService, hasCurrentTokenVersion, readBearerToken, unauthenticated } from '@brandi/http';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { ShopperClaims } from '../types.js';

export const SHOPPER_TOKEN_AUDIENCE = 'brandi-service-api';
export const TOKEN_ISSUER = 'brandi';

/**
 * Resolves the viewer of every request: no token = anonymous, a valid shopper token = that shopper,
 * anything else (expired, other service's token, tampered, alg none) = 401 on any route.
 */
export const authPlugin = fp(
  async (app: FastifyInstance) => {
    app.decorate(
      'tokens',
      createTokenService<ShopperClaims>({
        secret: app.config.JWT_SECRET,
        audience: SHOPPER_TOKEN_AUDIENCE,
        issuer: TOKEN_ISSUER,
        ttlSeconds: app.config.JWT_TTL_SECONDS,
      }),
    );
    app.decorateRequest('viewer', null);
    app.addHook('onRequest', async (request) => {
      const token = readBearerToken(request);
      if (token === undefined) return;
      const claims = await app.tokens.verify(token);
      const shopperId = Number(claims.sub);
      if (claims.role !== 'shopper' || !Number.isSafeInteger(shopperId) || shopperId <= 0) throw unauthenticated();
      // One primary-key read: a token from before the account's last password change is refused.
      const shopper = await app.db.selectFrom('shoppers').select('token_version').where('id', '=', shopperId).executeTakeFirst();
      if (!shopper || !hasCurrentTokenVersion(claims, shopper.token_version)) throw unauthenticated();
      request.viewer = { shopperId };
    });
    app.decorate('requireShopper', async (request) => {
      if (!request.viewer) throw unauthenticated('Sign in to do this');
    });
  },
  { name: 'auth' },
);
