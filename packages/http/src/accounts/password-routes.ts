import {
  decoyPasswordHash,
  hashPassword,
  passwordNeedsRehash,
  passwordWeakness,
  rehashPassword,
  verifyPassword,
  type AccountTable,
  type Db,
} from '@brandi/db';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Static, TObject } from 'typebox';
import type { TokenClaims } from '../auth.js';
import { errorResponses, unauthenticated, validationFailed, type AppError, type ErrorStatus } from '../errors.js';
import { accountAttemptKey, LOGIN_ROUTE_DESCRIPTION, SIGNUP_ROUTE_DESCRIPTION } from '../login-rate-limit.js';
import { Created, LoginBody, NoQuery } from './schemas.js';

/** What login needs of an account row. */
export interface PasswordAccount {
  id: number;
  password_hash: string;
  token_version: number;
}

export interface SignupRouteOptions<B extends TObject> {
  summary: string;
  /** Must carry `loginId` and `password`. */
  body: B;
  errorStatuses: ErrorStatus[];
  /** Writes the account with its password hash; returns the new id. */
  insert(app: FastifyInstance, body: Static<B>, passwordHash: string): Promise<number>;
  /** The 409 a duplicate key becomes, or undefined for any other error. */
  conflictOf(err: unknown): AppError | undefined;
}

export interface LoginRouteOptions<A extends PasswordAccount, R extends TObject> {
  /** Counter namespace of the account kind (`shopper`, `seller`). */
  kind: string;
  table: AccountTable;
  /** The account whose login id is exactly the typed one (see exactLoginIdOnly). */
  findCredentials(db: Db, loginId: string): Promise<A | undefined>;
  /** An account refused even with the right password (same 401, so it reveals nothing). */
  refuses?(account: A): boolean;
  claims(account: A): TokenClaims;
  response: R;
  respond(account: A, token: { accessToken: string; expiresIn: number }): Static<R>;
}

/**
 * POST /auth/signup and POST /auth/login for password accounts. Signup: password policy, the client's signup
 * budget, argon2id. Login: exact-id lookup, the per-account and per-client throttle counted before the check,
 * a decoy hash for unknown ids, rehash of old hashes on success, and `Cache-Control: no-store`.
 */
export function passwordAuthRoutes<B extends TObject, A extends PasswordAccount, R extends TObject>(
  signup: SignupRouteOptions<B>,
  login: LoginRouteOptions<A, R>,
): FastifyPluginAsyncTypebox {
  return async (app) => {
    // Made now, so the first unknown id does not take longer than the ones after it.
    await decoyPasswordHash();

    app.post(
      '/auth/signup',
      {
        schema: {
          operationId: 'signup',
          tags: ['auth'],
          summary: signup.summary,
          description: SIGNUP_ROUTE_DESCRIPTION,
          body: signup.body,
          querystring: NoQuery,
          response: { 201: Created, ...errorResponses(...signup.errorStatuses) },
        },
      },
      async (request, reply) => {
        const { loginId, password } = request.body as { loginId: string; password: string };
        const weakness = await passwordWeakness(password, loginId);
        if (weakness) throw validationFailed([{ field: 'password', message: weakness }]);
        await app.loginThrottle.spendSignup(request.ip);
        const passwordHash = await hashPassword(password);
        try {
          const id = await signup.insert(app, request.body as Static<B>, passwordHash);
          return reply.code(201).send({ id });
        } catch (err) {
          throw signup.conflictOf(err) ?? err;
        }
      },
    );

    app.post(
      '/auth/login',
      {
        schema: {
          operationId: 'login',
          tags: ['auth'],
          summary: 'Exchange a login id and password for an access token',
          description: LOGIN_ROUTE_DESCRIPTION,
          body: LoginBody,
          querystring: NoQuery,
          response: { 200: login.response as TObject, ...errorResponses(400, 401, 429, 500, 503) },
        },
      },
      async (request, reply) => {
        const { loginId, password } = request.body;
        const account = await login.findCredentials(app.db, loginId);
        // Budgeted per account (any spelling that found it) and per client, before the password is checked.
        const attempt = await app.loginThrottle.begin(request.ip, accountAttemptKey(login.kind, account, loginId));
        // An unknown id costs the same argon2 run as a known one, so timing does not reveal which ids exist.
        const valid = await verifyPassword(password, account?.password_hash ?? (await decoyPasswordHash()));
        if (!account || !valid || login.refuses?.(account)) throw unauthenticated('Wrong login id or password');
        await attempt.succeeded();
        if (passwordNeedsRehash(account.password_hash)) {
          await rehashPassword(app.db, login.table, account.id, account.password_hash, await hashPassword(password));
        }
        const token = await app.tokens.sign(login.claims(account));
        reply.header('cache-control', 'no-store');
        return login.respond(account, token);
      },
    );
  };
}
