import { callerAuthPlugin, hasCurrentTokenVersion, unauthenticated } from '@brandi/http';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const SELLER_TOKEN_AUDIENCE = 'brandi-backoffice-api';

/**
 * Registered inside the authenticated scope only (routes/index.ts): every route in that scope needs a valid
 * back-office token of a seller that still exists; decided by plugin scope, never by URL prefix. Routes outside
 * it (signup, login, health, docs) ignore the Authorization header.
 */
export const requireActor = fp(
  async (app: FastifyInstance) => {
    await app.register(callerAuthPlugin, {
      defaultAuth: 'required',
      async identify(request, { claims, accountId }) {
        const seller = await app.db
          .selectFrom('sellers')
          .select(['id', 'role', 'status', 'attribute_id', 'name_ko', 'token_version'])
          .where('id', '=', accountId)
          .executeTakeFirst();
        // A closed account, or a token from before the last password change, is refused at once.
        if (!seller || seller.role !== claims.role || seller.status === 'closed' || !hasCurrentTokenVersion(claims, seller.token_version)) {
          throw unauthenticated();
        }
        request.actor = {
          id: seller.id,
          role: seller.role,
          status: seller.status,
          attributeId: seller.attribute_id,
          nameKo: seller.name_ko,
        };
      },
    });
  },
  { name: 'require-actor' },
);
