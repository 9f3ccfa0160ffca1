import { DatabaseEnv, HttpEnv, JwtEnv, loadConfig, trustProxyOption } from '@brandi/http';
import { readS3Config, type StorageConfig } from '@brandi/storage';
import Type, { type Static } from 'typebox';

export const ServiceApiEnv = Type.Object({
  ...HttpEnv.properties,
  ...DatabaseEnv.properties,
  ...JwtEnv.properties,
  // 0 = off. When on, the longest a back-office write can stay invisible to shoppers (see read-cache.ts).
  CACHE_TTL_MS: Type.Integer({ minimum: 0, maximum: 600_000, default: 0, errorMessage: 'must be 0 (off) to 600000 milliseconds' }),
});

export type ServiceApiConfig = Readonly<Static<typeof ServiceApiEnv>> & { readonly storage: StorageConfig; readonly trustProxy: ReturnType<typeof trustProxyOption> };

/** The one place this service reads its environment; throws ConfigError naming every bad variable. */
export function loadServiceApiConfig(env: Record<string, string | undefined> = process.env): ServiceApiConfig {
  // The S3_* variables are read by @brandi/storage (the one reader, shared with the CLIs); problems are reported together.
  const s3 = readS3Config(env);
  const config = loadConfig(ServiceApiEnv, env, s3.problems);
  return Object.freeze({ ...config, storage: s3.config!, trustProxy: trustProxyOption(config.TRUST_PROXY) });
}
