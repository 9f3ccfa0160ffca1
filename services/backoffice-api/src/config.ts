import { loadServiceConfig, serviceEnv, type ServiceConfig } from '@brandi/http';
import Type from 'typebox';

export const BackofficeApiEnv = serviceEnv({
  UPLOAD_MAX_BYTES: Type.Integer({ minimum: 1024, default: 10 * 1024 * 1024, errorMessage: 'must be an integer number of bytes ≥ 1024' }),
  UPLOAD_MIN_WIDTH: Type.Integer({ minimum: 1, default: 640, errorMessage: 'must be a positive integer' }),
  UPLOAD_MIN_HEIGHT: Type.Integer({ minimum: 1, default: 720, errorMessage: 'must be a positive integer' }),
  SWEEP_GRACE_SECONDS: Type.Integer({ minimum: 0, default: 3600, errorMessage: 'must be a non-negative integer' }),
  ORDER_AUTO_CONFIRM_DAYS: Type.Integer({ minimum: 1, maximum: 365, default: 7, errorMessage: 'must be a whole number of days (1–365)' }),
});

export type BackofficeApiConfig = ServiceConfig<typeof BackofficeApiEnv>;

/** The one place this service reads its environment; throws ConfigError naming every bad variable. */
export function loadBackofficeApiConfig(env: Record<string, string | undefined> = process.env): BackofficeApiConfig {
  return loadServiceConfig(BackofficeApiEnv, env);
}
