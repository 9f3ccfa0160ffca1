import { createTokenService, hasCurrentTokenVersion, readBearerToken, unauthenticated } from '@brandi/http';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { SellerClaims } from '../types.js';

export const SELLER_TOKEN_AUDIENCE = 'brandi-backoffice-api';
export const TOKEN_ISSUER = 'brandi';

/** The token service, shared by the login route and the authenticated scope. */
export const tokensPlugin = fp(
  async (app: FastifyInstance) => {
    app.decorate(
      'tokens',
      createTokenService<SellerClaims>({
        secret: app.config.JWT_SECRET,
        audience: SELLER_TOKEN_AUDIENCE,
        issuer: TOKEN_ISSUER,
        ttlSeconds: app.config.JWT_TTL_SECONDS,
      }),
    );
    app.decorateRequest('actor', null as never);
  },
  { name: 'tokens' },
);

/**
 * Registered inside the authenticated scope only (routes/index.ts): every route in that scope needs a valid
 * back-office token of a seller that still exists; decided by plugin scope, never by URL prefix.
 */
export const requireActor = fp(
  async (app: FastifyInstance) => {
    app.addHook('onRequest', async (request) => {
      const token = readBearerToken(request);
      if (token === undefined) throw unauthenticated();
      const claims = await app.tokens.verify(token);
      const id = Number(claims.sub);
      if (!Number.isSafeInteger(id) || id <= 0) throw unauthenticated();
      const seller = await app.db
        .selectFrom('sellers')
        .select(['id', 'role', 'status', 'attribute_id', 'name_ko', 'token_version'])
        .where('id', '=', id)
        .executeTakeFirst();
      // A closed account, or a token from before the last password change, is refused at once.
      if (!seller || seller.role !== claims.role || seller.status === 'closed' || !hasCurrentTokenVersion(claims, seller.token_version)) {
        throw unauthenticated();
      }
      request.actor = { id: seller.id, role: seller.role, status: seller.status, attributeId: seller.attribute_id, nameKo: seller.name_ko };
    });
  },
  { name: 'require-actor', dependencies: ['tokens'] },
);
