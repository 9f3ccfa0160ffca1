import type { PaymentGateway } from '@brandi/orders';
import type { ReadCache } from './read-cache.js';

export type ShopperClaims = {
  sub: string;
  role: 'shopper';
  /** The shopper's token_version at signing (absent = 0); a password change bumps it. */
  tv?: number;
};

/** The signed-in shopper, or null for an anonymous visitor. */
export interface Viewer {
  shopperId: number;
}

// db, store, now, tokens and (untyped here: no route reads it) config come from @brandi/http's defineService.
declare module 'fastify' {
  interface FastifyInstance {
    /** preHandler for routes that need a signed-in shopper (401 otherwise). */
    requireShopper: (request: FastifyRequest) => Promise<void>;
    cache: ReadCache;
    /** The payment seam checkout authorizes through (the default approves every order). */
    payments: PaymentGateway;
  }
  interface FastifyRequest {
    viewer: Viewer | null;
  }
}
