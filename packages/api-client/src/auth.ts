import type { Middleware } from 'openapi-fetch';

/** The caller's access token: fixed, or read on every request (after a log-in, from a store). */
export type TokenSource = string | (() => string | null | undefined | Promise<string | null | undefined>);

/**
 * Sends `Authorization: Bearer <token>` on every request that does not carry its own Authorization header;
 * without a token (not logged in yet, logged out) the request goes out anonymous.
 */
export function bearerAuth(token: TokenSource): Middleware {
  return {
    async onRequest({ request }) {
      const value = typeof token === 'function' ? await token() : token;
      if (value && !request.headers.has('authorization')) request.headers.set('authorization', `Bearer ${value}`);
      return request;
    },
  };
}
