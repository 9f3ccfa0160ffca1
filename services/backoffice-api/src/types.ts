import type { SellerRole, SellerStatus } from '@brandi/db';
import type { CatalogInvalidator } from '@brandi/http';
import type { BackofficeApiConfig } from './config.js';

export type SellerClaims = {
  sub: string;
  role: SellerRole;
  /** The seller's token_version at signing (absent = 0); a password change bumps it. */
  tv?: number;
};

/** The signed-in seller or admin, re-read from the DB on every request (status changes apply at once). */
export interface Actor {
  id: number;
  role: SellerRole;
  status: SellerStatus;
  attributeId: number | null;
  nameKo: string;
}

// db, store, now and tokens come from @brandi/http's service plugins.
declare module 'fastify' {
  interface FastifyInstance {
    config: BackofficeApiConfig;
    /** Drops the shoppers' cached copies after a write (through Redis; nothing without REDIS_URL). */
    catalogCache: CatalogInvalidator;
  }
  interface FastifyRequest {
    /** Set on every route registered inside the authenticated scope (see plugins/auth.ts). */
    actor: Actor;
  }
}
