import { readS3Config, type StorageConfig } from '@brandi/storage';
import Type, { type Static, type TObject, type TProperties } from 'typebox';
import { loadConfig } from '../config.js';
import { DatabaseEnv, HttpEnv, JwtEnv, ReadReplicaEnv, RedisEnv, type TrustProxySetting, trustProxyOption } from '../env.js';

// The S3_* variables are not in these schemas: @brandi/storage's readS3Config is their one reader (shared with
// the CLIs), and its problems are reported in the same ConfigError.
const SERVICE_ENV_PROPERTIES = {
  ...HttpEnv.properties,
  ...DatabaseEnv.properties,
  ...ReadReplicaEnv.properties,
  ...JwtEnv.properties,
  ...RedisEnv.properties,
};

/** What every service reads besides S3: HTTP, database, JWT and Redis variables. */
const BaseServiceEnv = Type.Object(SERVICE_ENV_PROPERTIES);

/** A service's environment schema: HTTP, database and JWT variables plus the service's own. */
export function serviceEnv<P extends TProperties>(own: P) {
  return Type.Object({ ...SERVICE_ENV_PROPERTIES, ...own });
}

/** The validated environment plus what is derived from it once (the storage client's settings, trustProxy). */
export type ServiceConfig<T extends TObject = typeof BaseServiceEnv> = Readonly<Static<T>> & {
  readonly storage: StorageConfig;
  readonly trustProxy: TrustProxySetting;
};

/** Validates `env` against a service schema and reads S3; throws ConfigError naming every bad variable. */
export function loadServiceConfig<T extends TObject>(schema: T, env: Record<string, string | undefined>): ServiceConfig<T> {
  const s3 = readS3Config(env);
  const config = loadConfig(schema, env, s3.problems) as Readonly<Static<T>> & Static<typeof BaseServiceEnv>;
  // loadConfig threw if S3 had problems, so the config is there.
  return Object.freeze({ ...config, storage: s3.config!, trustProxy: trustProxyOption(config.TRUST_PROXY) }) as ServiceConfig<T>;
}
