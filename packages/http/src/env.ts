import { isIP } from 'node:net';
import Type from 'typebox';

// Reusable pieces of each service's environment schema (names from API.md "Operations"). A service composes
// them: Type.Object({ ...HttpEnv.properties, ...DatabaseEnv.properties, MY_VAR: Type.String() }).

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

// proxy-addr's names for the private ranges, accepted beside addresses and CIDRs.
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function proxyEntryProblem(entry: string): string | undefined {
  if (PROXY_RANGE_NAMES.has(entry)) return undefined;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return `"${entry}" is not an IP address or CIDR`;
  if (prefix !== undefined && !(/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128)))
    return `"${entry}" has a bad prefix length`;
  return undefined;
}

function trustProxyProblem(entries: string[]): string | undefined {
  if (entries.length === 1 && /^\d+$/.test(entries[0])) return Number(entries[0]) <= 16 ? undefined : 'a hop count must be 0-16';
  for (const entry of entries) {
    const problem = proxyEntryProblem(entry);
    if (problem) return `${problem}; give a hop count, or addresses/CIDRs of your proxies (comma-separated)`;
  }
  return undefined;
}

/** What Fastify's `trustProxy` accepts (its types omit the hop count its runtime takes). */
export type TrustProxySetting = boolean | number | string[];

/**
 * Fastify's `trustProxy` from TRUST_PROXY: unset = believe no X-Forwarded-For (the client is the socket peer);
 * a number = that many proxy hops in front; otherwise the proxies' addresses or CIDRs.
 */
export function trustProxyOption(entries: readonly string[] | undefined): TrustProxySetting {
  if (entries === undefined || entries.length === 0) return false;
  if (entries.length === 1 && /^\d+$/.test(entries[0])) return Number(entries[0]);
  return [...entries];
}

export const HttpEnv = Type.Object({
  PORT: Type.Integer({ minimum: 1, maximum: 65535, errorMessage: 'must be an integer 1-65535' }),
  HOST: Type.String({ default: '0.0.0.0', minLength: 1 }),
  LOG_LEVEL: Type.Enum(LOG_LEVELS, { default: 'info', errorMessage: `must be one of ${LOG_LEVELS.join(', ')}` }),
  CORS_ORIGINS: Type.Array(Type.String({ pattern: '^https?://[^/\\s]+$' }), {
    default: [],
    errorMessage: 'must be a comma-separated list of origins such as https://shop.example.com',
  }),
  TRUST_PROXY: Type.Optional(Type.Array(Type.String(), { refine: trustProxyProblem })),
});

export const DatabaseEnv = Type.Object({
  DATABASE_URL: Type.String({
    pattern: '^mysql://\\S+$',
    errorMessage: 'must be a mysql://user:pass@host:port/db URL',
  }),
  // A background job's run holds one connection for its lock (runExclusive) while its body uses another.
  DATABASE_POOL_SIZE: Type.Integer({ minimum: 2, maximum: 100, default: 10, errorMessage: 'must be an integer 2-100' }),
});

/** A read replica (optional) and how long a caller's reads stay on the primary after their own write. */
export const ReadReplicaEnv = Type.Object({
  DATABASE_READ_URL: Type.Optional(
    Type.String({ pattern: '^mysql://\\S+$', errorMessage: 'must be a mysql://user:pass@host:port/db URL (a read replica)' }),
  ),
  DATABASE_READ_PIN_MS: Type.Integer({ minimum: 1, maximum: 600000, default: 5000, errorMessage: 'must be an integer 1-600000 (ms)' }),
});

/**
 * Secrets that were ever published (.env.example, docker-compose.yml, the dev runner's old defaults): a
 * service refuses to boot with one, since anyone could sign tokens with it.
 */
export const PUBLISHED_PLACEHOLDER_SECRETS: readonly string[] = [
  'replace-me-with-at-least-32-random-characters',
  'change-me-service-api-secret-at-least-32-chars',
  'change-me-backoffice-api-secret-at-least-32-chars',
  'dev-only-service-api-secret-change-me-0000',
  'dev-only-backoffice-secret-change-me-0000',
];

export const JwtEnv = Type.Object({
  JWT_SECRET: Type.String({
    minLength: 32,
    errorMessage: 'must be at least 32 characters',
    refine: (secret: string) =>
      PUBLISHED_PLACEHOLDER_SECRETS.includes(secret)
        ? 'is a published placeholder; set a random secret (e.g. openssl rand -base64 48)'
        : undefined,
  }),
  JWT_TTL_SECONDS: Type.Integer({ minimum: 1, default: 3600, errorMessage: 'must be a positive integer' }),
});

export const RedisEnv = Type.Object({
  // Unset = in-process cache and rate limits (one instance); set = shared by every instance (see redis/client.ts).
  REDIS_URL: Type.Optional(Type.String({ pattern: '^rediss?://\\S+$', errorMessage: 'must be a redis://[user:pass@]host:port[/db] URL' })),
});
