import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { rateLimited } from './errors.js';

/** Login attempts allowed per client address and login id in each window. */
export const LOGIN_ATTEMPTS_PER_WINDOW = 10;
const LOGIN_WINDOW_MS = 5 * 60_000;

// Keyed after body validation (preHandler) so the login id is known; per id so one user's typos do not
// lock out everyone behind the same NAT.
function loginAttemptKey(request: FastifyRequest): string {
  const { loginId } = request.body as { loginId: string };
  return `${request.ip}\u0000${loginId.toLowerCase()}`;
}

/** Registers the rate limiter (off by default) in the caller's scope; routes opt in with `loginRateLimit`. */
export async function registerLoginRateLimiter(app: FastifyInstance): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => rateLimited(context.ttl / 1000),
  });
}

/** Route `config` for a login route: 429 RATE_LIMITED with retry-after past the allowance. */
export const loginRateLimit = {
  rateLimit: { max: LOGIN_ATTEMPTS_PER_WINDOW, timeWindow: LOGIN_WINDOW_MS, hook: 'preHandler' as const, keyGenerator: loginAttemptKey },
};
