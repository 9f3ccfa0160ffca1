import type { Db } from '@brandi/db';
import type { TokenService } from '@brandi/http';
import type { ObjectStore } from '@brandi/storage';
import type { ServiceApiConfig } from './config.js';
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

declare module 'fastify' {
  interface FastifyInstance {
    config: ServiceApiConfig;
    db: Db;
    store: ObjectStore;
    tokens: TokenService<ShopperClaims>;
    /** preHandler for routes that need a signed-in shopper (401 otherwise). */
    requireShopper: (request: FastifyRequest) => Promise<void>;
    now: () => Date;
    cache: ReadCache;
  }
  interface FastifyRequest {
    viewer: Viewer | null;
  }
}
