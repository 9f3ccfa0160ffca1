import type { FastifyRequest } from 'fastify';
import { jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { unauthenticated } from './errors.js';

export interface TokenClaims {
  sub: string;
  role: string;
  [claim: string]: unknown;
}

export type VerifiedClaims<C extends TokenClaims> = C & Required<Pick<JWTPayload, 'iat' | 'exp' | 'aud' | 'iss'>>;

export interface TokenServiceOptions {
  secret: string;
  /** Each service has its own audience, so a shopper token is refused by the back office and vice versa. */
  audience: string;
  issuer: string;
  ttlSeconds: number;
}

export interface TokenService<C extends TokenClaims = TokenClaims> {
  sign(claims: C): Promise<{ accessToken: string; expiresIn: number }>;
  /** Resolves the claims of a valid token; rejects with a 401 AppError otherwise. */
  verify(token: string): Promise<VerifiedClaims<C>>;
}

const ALGORITHM = 'HS256';

/** `schema.security` for routes that need a token; `bearerAuth` is the scheme createHttpApp documents. */
export const BEARER_SECURITY = [{ bearerAuth: [] }];

export function createTokenService<C extends TokenClaims = TokenClaims>(options: TokenServiceOptions): TokenService<C> {
  const { audience, issuer, ttlSeconds } = options;
  if (options.secret.length < 32) throw new Error('JWT secret must be at least 32 characters');
  const key = new TextEncoder().encode(options.secret);

  return {
    async sign(claims) {
      const { sub, ...rest } = claims;
      const accessToken = await new SignJWT(rest)
        .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
        .setSubject(sub)
        .setAudience(audience)
        .setIssuer(issuer)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(key);
      return { accessToken, expiresIn: ttlSeconds };
    },

    async verify(token) {
      let payload: JWTPayload;
      try {
        // Pinning the algorithm is what refuses `alg: none` and key-confusion tokens.
        ({ payload } = await jwtVerify(token, key, {
          algorithms: [ALGORITHM],
          audience,
          issuer,
          requiredClaims: ['sub', 'iat', 'exp'],
        }));
      } catch {
        throw unauthenticated('Invalid or expired token');
      }
      if (typeof payload.sub !== 'string' || typeof payload.role !== 'string') {
        throw unauthenticated('Invalid or expired token');
      }
      return payload as VerifiedClaims<C>;
    },
  };
}

/**
 * Whether a token is as new as its account's credentials: tokens carry the account's `token_version` as `tv`
 * and a password change bumps the column, so every earlier token stops matching. A token without `tv` (signed
 * before versions existed) counts as version 0, good until the account's first password change.
 */
export function hasCurrentTokenVersion(claims: { readonly [claim: string]: unknown }, currentVersion: number): boolean {
  return (claims.tv ?? 0) === currentVersion;
}

const BEARER = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i;

/** The token of an `Authorization: Bearer <token>` header; undefined when there is no header at all. */
export function readBearerToken(request: Pick<FastifyRequest, 'headers'>): string | undefined {
  const header = request.headers.authorization;
  if (header === undefined) return undefined;
  const match = BEARER.exec(header.trim());
  if (!match) throw unauthenticated('Authorization header must be "Bearer <token>"');
  return match[1];
}

/**
 * The verified claims and account id of a request's bearer token; undefined when it sends none. A bad token
 * (forged, expired, another service's, a non-numeric subject) is a 401 (callerAuthPlugin calls this only on
 * routes that use the caller).
 */
export async function verifyBearer<C extends TokenClaims>(
  tokens: TokenService<C>,
  request: Pick<FastifyRequest, 'headers'>,
): Promise<{ claims: VerifiedClaims<C>; accountId: number } | undefined> {
  const token = readBearerToken(request);
  if (token === undefined) return undefined;
  const claims = await tokens.verify(token);
  const accountId = Number(claims.sub);
  if (!Number.isSafeInteger(accountId) || accountId <= 0) throw unauthenticated();
  return { claims, accountId };
}
