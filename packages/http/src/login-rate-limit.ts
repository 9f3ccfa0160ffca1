import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { rateLimited } from './errors.js';

/**
 * Where attempt counters live. Fixed windows per key; both operations are single atomic steps, so a shared
 * store (Redis INCR + PEXPIRE NX / DECR, once REDIS_URL exists) can replace the in-process one.
 */
export interface AttemptStore {
  /** Adds one under `key`, opening a window of `windowMs` when none is open; the new count and time left. */
  increment(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }>;
  /** Takes one back (never below zero); nothing when the key's window has closed. */
  decrement(key: string): Promise<void>;
}

/** In-process counters: right for one instance. Expired windows are dropped as the map grows. */
export function createMemoryAttemptStore(options: { now?: () => number; maxKeys?: number } = {}): AttemptStore {
  const now = options.now ?? Date.now;
  const maxKeys = options.maxKeys ?? 100_000;
  const windows = new Map<string, { count: number; resetAt: number }>();

  // Runs when the map is full: drops closed windows, then the oldest live ones (Map keeps insertion order)
  // down to 90%, so a flood of new keys costs one sweep per maxKeys/10 keys instead of one per key.
  function prune(at: number): void {
    for (const [key, entry] of windows) if (entry.resetAt <= at) windows.delete(key);
    for (const key of windows.keys()) {
      if (windows.size <= maxKeys * 0.9) break;
      windows.delete(key);
    }
  }

  return {
    async increment(key, windowMs) {
      const at = now();
      let entry = windows.get(key);
      if (!entry || entry.resetAt <= at) {
        if (windows.size >= maxKeys) prune(at);
        entry = { count: 0, resetAt: at + windowMs };
        windows.delete(key);
        windows.set(key, entry);
      }
      entry.count += 1;
      return { count: entry.count, resetInMs: entry.resetAt - at };
    },
    async decrement(key) {
      const entry = windows.get(key);
      if (entry && entry.resetAt > now() && entry.count > 0) entry.count -= 1;
    },
  };
}

export interface AttemptBudget {
  max: number;
  windowMs: number;
}

export interface LoginThrottleLimits {
  /** Failed logins (and wrong current passwords) per account, whatever spelling or client found it. */
  perAccount: AttemptBudget;
  /** Failed logins per client address across every login id. */
  perClient: AttemptBudget;
  /** Signups per client address (every attempt counts). */
  signupsPerClient: AttemptBudget;
}

/** Login attempts allowed per account in each window. */
export const LOGIN_ATTEMPTS_PER_WINDOW = 10;
export const DEFAULT_LOGIN_THROTTLE_LIMITS: LoginThrottleLimits = {
  perAccount: { max: LOGIN_ATTEMPTS_PER_WINDOW, windowMs: 5 * 60_000 },
  perClient: { max: 50, windowMs: 5 * 60_000 },
  signupsPerClient: { max: 20, windowMs: 10 * 60_000 },
};

/** The counter name of an account: its kind and id for a known account, the typed id for an unknown one. */
export function accountAttemptKey(kind: string, account: { id: number } | undefined, typedLoginId: string): string {
  return account ? `${kind}:${account.id}` : `${kind}?${typedLoginId}`;
}

export interface LoginAttempt {
  /** The attempt succeeded: it gives back what `begin` spent, so successes never use up the budget. */
  succeeded(): Promise<void>;
}

export interface LoginThrottle {
  /**
   * Counts an attempt against the account and the client before the password is checked (so concurrent
   * guesses cannot slip past the limit); 429 RATE_LIMITED with Retry-After once either budget is spent.
   */
  begin(clientIp: string, accountKey: string): Promise<LoginAttempt>;
  /** Counts a signup against the client's budget; 429 past it. */
  spendSignup(clientIp: string): Promise<void>;
}

export function createLoginThrottle(store: AttemptStore, limits: LoginThrottleLimits = DEFAULT_LOGIN_THROTTLE_LIMITS): LoginThrottle {
  return {
    async begin(clientIp, accountKey) {
      const clientKey = `login-client:${clientIp}`;
      const accountCounterKey = `login-account:${accountKey}`;
      const [client, account] = await Promise.all([
        store.increment(clientKey, limits.perClient.windowMs),
        store.increment(accountCounterKey, limits.perAccount.windowMs),
      ]);
      const waits = [
        client.count > limits.perClient.max ? client.resetInMs : 0,
        account.count > limits.perAccount.max ? account.resetInMs : 0,
      ];
      const wait = Math.max(...waits);
      if (wait > 0) throw rateLimited(wait / 1000);
      return {
        async succeeded() {
          await Promise.all([store.decrement(clientKey), store.decrement(accountCounterKey)]);
        },
      };
    },
    async spendSignup(clientIp) {
      const { count, resetInMs } = await store.increment(`signup-client:${clientIp}`, limits.signupsPerClient.windowMs);
      if (count > limits.signupsPerClient.max) throw rateLimited(resetInMs / 1000);
    },
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    loginThrottle: LoginThrottle;
  }
}

export interface LoginThrottlePluginOptions {
  /** Defaults to in-process counters. */
  store?: AttemptStore;
  limits?: LoginThrottleLimits;
}

/** Decorates `app.loginThrottle` for the login, signup and password-change routes. */
export const loginThrottlePlugin = fp<LoginThrottlePluginOptions>(
  async (app: FastifyInstance, options) => {
    app.decorate('loginThrottle', createLoginThrottle(options.store ?? createMemoryAttemptStore(), options.limits));
  },
  { name: 'login-throttle' },
);

const minutes = (budget: AttemptBudget) => `${budget.windowMs / 60_000} minutes`;
const { perAccount, perClient, signupsPerClient } = DEFAULT_LOGIN_THROTTLE_LIMITS;

/** OpenAPI text for the login routes of both services. */
export const LOGIN_ROUTE_DESCRIPTION =
  'The login id must match exactly as it was signed up (no case or width folding). Failed tries are budgeted per ' +
  `account (${perAccount.max} per ${minutes(perAccount)}, whatever address they come from) and per client address ` +
  `(${perClient.max} per ${minutes(perClient)} across all ids); past either, 429 RATE_LIMITED with Retry-After, even ` +
  'for the right password. Successful logins spend nothing. The response carries Cache-Control: no-store.';

/** OpenAPI text for the signup routes of both services. */
export const SIGNUP_ROUTE_DESCRIPTION =
  'A password that contains the login id (ignoring case) or is among the commonest breached passwords is 400 ' +
  `VALIDATION_FAILED naming \`password\`. At most ${signupsPerClient.max} signups per client address per ` +
  `${minutes(signupsPerClient)} (429 RATE_LIMITED past it).`;
