import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { LogLevel } from './env.js';
import Type from 'typebox';
import { AppError, errorResponses } from './errors.js';

export type HealthCheck = () => Promise<void>;

export interface HealthRoutesOptions {
  /** Named dependency probes, e.g. `{ db: () => pingDb(db), s3: () => storage.ping() }`. */
  checks: Record<string, HealthCheck>;
  timeoutMs?: number;
}

const Live = Type.Object({ status: Type.Literal('ok') }, { additionalProperties: false });

async function runCheck(check: HealthCheck, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([Promise.resolve().then(check), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const LEVEL_ORDER: readonly string[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] satisfies LogLevel[];

/** Of two pino level names, the one that logs less (an unknown level counts as the least strict). */
function stricterOf(a: string, b: LogLevel): LogLevel {
  return LEVEL_ORDER.indexOf(a) > LEVEL_ORDER.indexOf(b) ? (a as LogLevel) : b;
}

/** `GET /health/live` (the process answers) and `GET /health/ready` (every dependency answers in time). */
export const healthRoutes: FastifyPluginAsyncTypebox<HealthRoutesOptions> = async (app, { checks, timeoutMs = 2000 }) => {
  const CheckStatus = Type.Literal('ok');
  const Ready = Type.Object(
    {
      status: Type.Literal('ok'),
      checks: Type.Object(Object.fromEntries(Object.keys(checks).map((name) => [name, CheckStatus]))),
    },
    { additionalProperties: false },
  );
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
        description: 'A 503 is the error envelope; its details name each check that is down.',
        response: { 200: Ready, ...errorResponses(503) },
      },
    },
    async (request) => {
      const results = await Promise.all(
        Object.entries(checks).map(async ([name, check]) => {
          try {
            await runCheck(check, timeoutMs);
            return [name, 'ok'] as const;
          } catch (err) {
            request.log.warn({ err, check: name }, 'readiness check failed');
            return [name, 'down'] as const;
          }
        }),
      );
      const down = results.filter(([, status]) => status === 'down').map(([name]) => name);
      if (down.length > 0) {
        const details = down.map((name) => ({ field: name, message: 'down' }));
        throw new AppError(503, 'UNAVAILABLE', `Not ready: ${down.join(', ')} down`, details);
      }
      return { status: 'ok' as const, checks: Object.fromEntries(results.map(([name]) => [name, 'ok' as const])) };
    },
  );
};
