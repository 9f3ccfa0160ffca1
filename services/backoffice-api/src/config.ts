import { DatabaseEnv, HttpEnv, JwtEnv, loadConfig, trustProxyOption } from '@brandi/http';
import { readS3Config, type StorageConfig } from '@brandi/storage';
import Type, { type Static } from 'typebox';

export const BackofficeApiEnv = Type.Object({
  ...HttpEnv.properties,
  ...DatabaseEnv.properties,
  ...JwtEnv.properties,
  UPLOAD_MAX_BYTES: Type.Integer({ minimum: 1024, default: 10 * 1024 * 1024, errorMessage: 'must be an integer number of bytes ≥ 1024' }),
  UPLOAD_MIN_WIDTH: Type.Integer({ minimum: 1, default: 640, errorMessage: 'must be a positive integer' }),
  UPLOAD_MIN_HEIGHT: Type.Integer({ minimum: 1, default: 720, errorMessage: 'must be a positive integer' }),
  SWEEP_GRACE_SECONDS: Type.Integer({ minimum: 0, default: 3600, errorMessage: 'must be a non-negative integer' }),
});

export type BackofficeApiConfig = Readonly<Static<typeof BackofficeApiEnv>> & { readonly storage: StorageConfig; readonly trustProxy: ReturnType<typeof trustProxyOption> };

/** The one place this service reads its environment; throws ConfigError naming every bad variable. */
export function loadBackofficeApiConfig(env: Record<string, string | undefined> = process.env): BackofficeApiConfig {
  // The S3_* variables are read by @brandi/storage (the one reader, shared with the CLIs); problems are reported together.
  const s3 = readS3Config(env);
  const config = loadConfig(BackofficeApiEnv, env, s3.problems);
  return Object.freeze({ ...config, storage: s3.config!, trustProxy: trustProxyOption(config.TRUST_PROXY) });
}
