import { loadServiceConfig, serviceEnv, type ServiceConfig } from '@brandi/http';
import Type from 'typebox';

export const ServiceApiEnv = serviceEnv({
  // 0 = off. Without REDIS_URL, the longest a back-office write can stay invisible to shoppers; with it, only how
  // long an unread entry is kept (writes invalidate at once; see read-cache.ts).
  CACHE_TTL_MS: Type.Integer({ minimum: 0, maximum: 600_000, default: 0, errorMessage: 'must be 0 (off) to 600000 milliseconds' }),
});

export type ServiceApiConfig = ServiceConfig<typeof ServiceApiEnv>;

/** The one place this service reads its environment; throws ConfigError naming every bad variable. */
export function loadServiceApiConfig(env: Record<string, string | undefined> = process.env): ServiceApiConfig {
  return loadServiceConfig(ServiceApiEnv, env);
}
