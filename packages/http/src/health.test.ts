import { createHttpApp, healthRoutes, type HealthCheck, type LogLevel } from './index.js';
import { createLogCapture, type LogCapture } from './testing/index.js';

async function buildApp(
  checks: Record<string, HealthCheck>,
  logLevel: LogLevel = 'warn',
  logs: LogCapture = createLogCapture(),
  optionalChecks?: Record<string, HealthCheck | undefined>,
) {
  const app = createHttpApp({ name: 'health-demo', version: '0.0.0', logLevel, logger: logs.stream });
  app.register(healthRoutes, { checks, optionalChecks, timeoutMs: 50 });
  await app.ready();
  return app;
}

const ok: HealthCheck = async () => {};

describe('healthRoutes', () => {
  it('reports the process alive without touching dependencies', async () => {
    const app = await buildApp({ db: () => Promise.reject(new Error('down')) });
    const res = await app.inject({ method: 'GET', url: '/health/live' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
    await app.close();
  });

  it('is ready when every check passes', async () => {
    const app = await buildApp({ db: ok, s3: ok });
    const res = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', checks: { db: 'ok', s3: 'ok' } });
    await app.close();
  });

  it('answers 503 naming the check that rejects', async () => {
    const app = await buildApp({ db: () => Promise.reject(new Error('ECONNREFUSED')), s3: ok });
    const res = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({
      error: { code: 'UNAVAILABLE', message: 'Not ready: db down', details: [{ field: 'db', message: 'down' }] },
    });
    expect(res.body).not.toContain('ECONNREFUSED');
    expect(res.headers['x-request-id']).toBeDefined();
    await app.close();
  });

  it('answers 503 when a check does not settle in time', async () => {
    const app = await buildApp({ db: ok, s3: () => new Promise<void>(() => {}) });
    const started = Date.now();
    const res = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(res.statusCode).toBe(503);
    expect(res.json().error).toMatchObject({ code: 'UNAVAILABLE', details: [{ field: 's3', message: 'down' }] });
    await app.close();
  });

  it('logs a failed check at warn, and nothing at all under a stricter level', async () => {
    const down = () => Promise.reject(new Error('ECONNREFUSED'));
    const levelsLogged = async (logLevel: LogLevel) => {
      const logs = createLogCapture();
      const app = await buildApp({ db: down }, logLevel, logs);
      await app.inject({ method: 'GET', url: '/health/ready' });
      await app.inject({ method: 'GET', url: '/health/live' });
      await app.close();
      return logs
        .lines()
        .filter((line) => line.msg !== 'Server listening')
        .map((line) => line.level);
    };
    // info: the probes' request lines stay out, the failure is reported (check and 503).
    expect(await levelsLogged('info')).toEqual([40, 40]);
    expect(await levelsLogged('warn')).toEqual([40, 40]);
    expect(await levelsLogged('error')).toEqual([]);
    expect(await levelsLogged('silent')).toEqual([]);
  });

  it('reports an optional check as down without failing readiness, and logs only when it goes down', async () => {
    let redisUp = true;
    const logs = createLogCapture();
    const redis: HealthCheck = () => (redisUp ? Promise.resolve() : Promise.reject(new Error('ECONNREFUSED')));
    const app = await buildApp({ db: ok }, 'warn', logs, { redis, cache: undefined });
    const ready = () => app.inject({ method: 'GET', url: '/health/ready' });
    expect((await ready()).json()).toEqual({ status: 'ok', checks: { db: 'ok', redis: 'ok' } });
    redisUp = false;
    for (let i = 0; i < 3; i++) {
      const res = await ready();
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ status: 'ok', checks: { db: 'ok', redis: 'down' } });
    }
    expect(logs.lines().filter((line) => line.msg === 'optional check failed')).toHaveLength(1);
    redisUp = true;
    expect((await ready()).json().checks.redis).toBe('ok');
    const schema = app.swagger() as { paths: Record<string, { get: { responses: Record<string, unknown> } }> };
    expect(JSON.stringify(schema.paths['/health/ready'].get.responses['200'])).toContain('"down"');
    await app.close();
  });

  it('is still 503 when a required check fails beside an optional one', async () => {
    const app = await buildApp({ db: () => Promise.reject(new Error('down')) }, 'warn', createLogCapture(), { redis: ok });
    const res = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(res.statusCode).toBe(503);
    expect(res.json().error.details).toEqual([{ field: 'db', message: 'down' }]);
    await app.close();
  });
});
