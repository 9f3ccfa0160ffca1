import { storageConfigFromSettings, type StorageConfig } from '@brandi/storage';
import Type, { type Static, type TObject, type TProperties } from 'typebox';
import { loadConfig } from '../config.js';
import { DatabaseEnv, HttpEnv, JwtEnv, S3Env, trustProxyOption, type TrustProxySetting } from '../env.js';

const SERVICE_ENV_PROPERTIES = {
  ...HttpEnv.properties,
  ...DatabaseEnv.properties,
  ...S3Env.properties,
  ...JwtEnv.properties,
};

/** What every service reads: HTTP, database, S3 and JWT variables. */
const BaseServiceEnv = Type.Object(SERVICE_ENV_PROPERTIES);

/** A service's environment schema: HTTP, database, S3 and JWT variables plus the service's own. */
export function serviceEnv<P extends TProperties>(own: P) {
  return Type.Object({ ...SERVICE_ENV_PROPERTIES, ...own });
}

/** The validated environment plus what is derived from it once (the storage client's settings, trustProxy). */
export type ServiceConfig<T extends TObject = typeof BaseServiceEnv> = Readonly<Static<T>> & {
  readonly storage: StorageConfig;
  readonly trustProxy: TrustProxySetting;
};

/** Validates `env` against a service schema; throws ConfigError naming every bad variable. */
export function loadServiceConfig<T extends TObject>(schema: T, env: Record<string, string | undefined>): ServiceConfig<T> {
  const config = loadConfig(schema, env) as Readonly<Static<T>> & Static<typeof BaseServiceEnv>;
  return Object.freeze({
    ...config,
    storage: storageConfigFromSettings(config),
    trustProxy: trustProxyOption(config.TRUST_PROXY),
  }) as ServiceConfig<T>;
}
