import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { verifyBearer, type TokenClaims, type VerifiedClaims } from './auth.js';
import { unauthenticated } from './errors.js';

/**
 * How a route uses its caller (API.md, Conventions): `none` never reads it, so any token, good or bad, is
 * ignored (health, docs, catalogue reads); `optional` reads it when one is sent, so a bad token is 401;
 * `required` needs one (401 without).
 */
export type CallerAuth = 'none' | 'optional' | 'required';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** How the route uses its caller; a route that does not say gets the default of the scope it is in. */
    auth?: CallerAuth;
  }
  interface FastifyRequest {
    /** The caller a verified token identified, as `role:accountId`; null when anonymous or the route ignores tokens. */
    callerKey: string | null;
  }
}

export interface VerifiedBearer {
  claims: VerifiedClaims<TokenClaims>;
  accountId: number;
}

export interface CallerAuthOptions {
  /** What the routes of the registering scope get when they declare no `config.auth`. */
  defaultAuth: CallerAuth;
  /** Turns a verified token into the request's caller (re-reading the account); throws a 401 to refuse it. */
  identify(request: FastifyRequest, bearer: VerifiedBearer): Promise<void>;
}

/**
 * Resolves the caller of every request in the registering scope as its route's `config.auth` says, with the
 * service's `app.tokens`. Scoped, never by URL: a route outside the scope never looks at a token.
 */
export const callerAuthPlugin = fp<CallerAuthOptions>(
  async (app: FastifyInstance, { defaultAuth, identify }) => {
    if (!app.hasRequestDecorator('callerKey')) app.decorateRequest('callerKey', null);
    app.addHook('onRequest', async (request) => {
      const auth = request.routeOptions.config?.auth ?? defaultAuth;
      if (auth === 'none') return;
      const bearer = await verifyBearer(app.tokens, request);
      if (bearer !== undefined) {
        await identify(request, bearer);
        request.callerKey = `${bearer.claims.role}:${bearer.accountId}`;
      } else if (auth === 'required') throw unauthenticated('Sign in to do this');
    });
  },
  { name: 'caller-auth' },
);

/**
 * Gives every route registered after it in this plugin scope the same `config.auth` (unless a route declares
 * its own): e.g. `everyRouteAuth(app, 'required')` at the top of a plugin whose routes all need the caller.
 */
export function everyRouteAuth(app: FastifyInstance, auth: CallerAuth) {
  app.addHook('onRoute', (route) => {
    route.config = { ...route.config, auth: route.config?.auth ?? auth };
  });
}
