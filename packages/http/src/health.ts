import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { LogLevel } from './env.js';
import Type from 'typebox';
import { AppError, errorResponses } from './errors.js';
import { withTimeout } from './with-timeout.js';

export type HealthCheck = () => Promise<void>;

export interface HealthRoutesOptions {
  /** Named dependency probes, e.g. `{ db: () => pingDb(db), s3: () => storage.ping() }`. */
  checks: Record<string, HealthCheck>;
  /**
   * Probes of accelerators (e.g. `redis`): reported as 'ok' or 'down' in `checks` without failing readiness. A
   * name whose probe is undefined (not configured here) is documented and left out of the answer.
   */
  optionalChecks?: Record<string, HealthCheck | undefined>;
  timeoutMs?: number;
}

const Live = Type.Object({ status: Type.Literal('ok') }, { additionalProperties: false });

const runCheck = (check: HealthCheck, timeoutMs: number): Promise<void> =>
  withTimeout(Promise.resolve().then(check), timeoutMs, `timed out after ${timeoutMs} ms`);

const LEVEL_ORDER: readonly string[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] satisfies LogLevel[];

/** Of two pino level names, the one that logs less (an unknown level counts as the least strict). */
function stricterOf(a: string, b: LogLevel): LogLevel {
  return LEVEL_ORDER.indexOf(a) > LEVEL_ORDER.indexOf(b) ? (a as LogLevel) : b;
}

/**
 * `GET /health/live` (the process answers) and `GET /health/ready` (every dependency answers in time; optional
 * ones are reported but never fail it).
 */
export const healthRoutes: FastifyPluginAsyncTypebox<HealthRoutesOptions> = async (
  app,
  { checks, optionalChecks = {}, timeoutMs = 2000 },
) => {
  const OptionalStatus = Type.Union([Type.Literal('ok'), Type.Literal('down')], {
    description: 'An accelerator: down means slower answers, not unready; present only when configured',
  });
  const Ready = Type.Object(
    {
      status: Type.Literal('ok'),
      checks: Type.Object({
        ...Object.fromEntries(Object.keys(checks).map((name) => [name, Type.Literal('ok')])),
        ...Object.fromEntries(Object.keys(optionalChecks).map((name) => [name, Type.Optional(OptionalStatus)])),
      }),
    },
    { additionalProperties: false },
  );
  const configuredOptional = Object.entries(optionalChecks).filter((entry): entry is [string, HealthCheck] => entry[1] !== undefined);
  // An optional check that stays down would log on every probe: only its changes are worth a line.
  const lastOptional = new Map<string, 'ok' | 'down'>();
  // Probes hit these every few seconds; only trouble is worth a log line. A route's level replaces the app's,
  // so it may only be stricter: under LOG_LEVEL=error or silent a failed check logs nothing at warn.
  const quiet = { logLevel: stricterOf(app.log.level, 'warn') };

  app.get(
    '/health/live',
    { ...quiet, schema: { operationId: 'getLiveness', tags: ['health'], summary: 'The process is up', response: { 200: Live } } },
    async () => ({
      status: 'ok' as const,
    }),
  );

  app.get(
    '/health/ready',
    {
      ...quiet,
      schema: {
        operationId: 'getReadiness',
        tags: ['health'],
        summary: 'Every dependency is reachable',
        description:
          'A 503 is the error envelope; its details name each check that is down. Optional checks (redis, when REDIS_URL is set) report ok or down and never cause a 503.',
        response: { 200: Ready, ...errorResponses(503) },
      },
    },
    async (request) => {
      const probe = async ([name, check]: [string, HealthCheck]): Promise<{ name: string; status: 'ok' | 'down'; err?: unknown }> => {
        try {
          await runCheck(check, timeoutMs);
          return { name, status: 'ok' };
        } catch (err) {
          return { name, status: 'down', err };
        }
      };
      const [results, optional] = await Promise.all([
        Promise.all(Object.entries(checks).map(probe)),
        Promise.all(configuredOptional.map(probe)),
      ]);
      for (const { name, status, err } of results) if (status === 'down') request.log.warn({ err, check: name }, 'readiness check failed');
      for (const { name, status, err } of optional) {
        if (status === 'down' && lastOptional.get(name) !== 'down') request.log.warn({ err, check: name }, 'optional check failed');
        lastOptional.set(name, status);
      }
      const down = results.filter((r) => r.status === 'down').map((r) => r.name);
      if (down.length > 0) {
        const details = down.map((name) => ({ field: name, message: 'down' }));
        throw new AppError(503, 'UNAVAILABLE', `Not ready: ${down.join(', ')} down`, details);
      }
      return { status: 'ok' as const, checks: Object.fromEntries([...results, ...optional].map((r) => [r.name, r.status])) };
    },
  );
};
