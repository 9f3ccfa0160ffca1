import Type from 'typebox';

// Reusable pieces of each service's environment schema (names from API.md "Operations"). A service composes
// them: Type.Object({ ...HttpEnv.properties, ...DatabaseEnv.properties, MY_VAR: Type.String() }).

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const HttpEnv = Type.Object({
  PORT: Type.Integer({ minimum: 1, maximum: 65535, errorMessage: 'must be an integer 1-65535' }),
  HOST: Type.String({ default: '0.0.0.0', minLength: 1 }),
  LOG_LEVEL: Type.Enum(LOG_LEVELS, { default: 'info', errorMessage: `must be one of ${LOG_LEVELS.join(', ')}` }),
  CORS_ORIGINS: Type.Array(Type.String({ pattern: '^https?://[^/\\s]+$' }), {
    default: [],
    errorMessage: 'must be a comma-separated list of origins such as https://shop.example.com',
  }),
});

export const DatabaseEnv = Type.Object({
  DATABASE_URL: Type.String({
    pattern: '^mysql://\\S+$',
    errorMessage: 'must be a mysql://user:pass@host:port/db URL',
  }),
  DATABASE_POOL_SIZE: Type.Integer({ minimum: 1, maximum: 100, default: 10, errorMessage: 'must be an integer 1-100' }),
});

export const S3Env = Type.Object({
  S3_ENDPOINT: Type.Optional(Type.String({ pattern: '^https?://\\S+$', errorMessage: 'must be an http(s) URL' })),
  S3_REGION: Type.String({ minLength: 1, default: 'ap-northeast-2' }),
  S3_BUCKET: Type.String({ minLength: 1 }),
  S3_ACCESS_KEY_ID: Type.Optional(Type.String()),
  S3_SECRET_ACCESS_KEY: Type.Optional(Type.String()),
  S3_FORCE_PATH_STYLE: Type.Boolean({ default: false, errorMessage: 'must be true or false' }),
  // Object URLs are `${S3_PUBLIC_URL}/<key>`, so a trailing slash would double up.
  S3_PUBLIC_URL: Type.String({
    pattern: '^https?://\\S*[^/\\s]$',
    errorMessage: 'must be an http(s) URL without a trailing slash',
  }),
});

export const JwtEnv = Type.Object({
  JWT_SECRET: Type.String({ minLength: 32, errorMessage: 'must be at least 32 characters' }),
  JWT_TTL_SECONDS: Type.Integer({ minimum: 1, default: 3600, errorMessage: 'must be a positive integer' }),
});
