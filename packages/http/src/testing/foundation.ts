import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { ConfigError } from '../config.js';
import type { Service } from '../service/define-service.js';
import type { ServiceConfig } from '../service/service-config.js';
import { startTestApp, unreachableDb, type TestContext } from './harness.js';
import { documentedRoutes, openApiGaps, type OpenApiDocument } from './openapi.js';

export interface FoundationExpectations {
  /** Every operation the OpenAPI document must list (`GET /products/{id}`), and nothing else. */
  routes: string[];
  /** Response statuses particular operations must document beyond the checker's rules, e.g. a 304 or a 429. */
  responses?: Record<string, string[]>;
}

/**
 * What every service built with defineService must do, run by each service against itself: health probes,
 * the OpenAPI document (each route listed and fully described), the 404 and 400 envelopes with the request id,
 * and config boot errors.
 */
export function foundationSuite<C extends ServiceConfig>(service: Service<C>, expected: FoundationExpectations): void {
  let ctx: TestContext<C>;
  let doc: OpenApiDocument;
  beforeAll(async () => {
    ctx = await startTestApp(service);
    doc = (await ctx.app.inject({ method: 'GET', url: '/docs/json' })).json();
  });
  afterAll(() => ctx.close());

  test('GET /health/live answers 200', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/health/live' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  test('GET /health/ready is 200 with DB and S3 up, 503 when the DB is unreachable', async () => {
    const ok = await ctx.app.inject({ method: 'GET', url: '/health/ready' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'ok', checks: { db: 'ok', s3: 'ok' } });

    const deadDb = unreachableDb();
    const broken = await service.buildApp({ config: ctx.config, db: deadDb, store: ctx.s3.store });
    const res = await broken.inject({ method: 'GET', url: '/health/ready' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({
      error: { code: 'UNAVAILABLE', message: 'Not ready: db down', details: [{ field: 'db', message: 'down' }] },
    });
    await broken.close();
    await deadDb.destroy();
  });

  test('GET /docs/json is an OpenAPI 3 document listing the routes', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/health/live', '/health/ready', '/auth/login', '/auth/signup']));
  });

  test(`the OpenAPI document lists every ${service.name} route, and only those`, () => {
    expect(documentedRoutes(doc).sort()).toEqual([...expected.routes].sort());
  });

  test('every route documents its request, its answers (errors as the envelope) and what it does', () => {
    expect(openApiGaps(doc)).toEqual([]);
    for (const [route, statuses] of Object.entries(expected.responses ?? {})) {
      const [method, path] = route.split(' ');
      expect(Object.keys(doc.paths[path]?.[method.toLowerCase()]?.responses ?? {})).toEqual(expect.arrayContaining(statuses));
    }
  });

  test('every operation has its own operationId, declares its security and sits on a relative server', () => {
    const operations = Object.values(doc.paths).flatMap((ops) => Object.values(ops));
    const ids = operations.map((op) => op.operationId);
    expect(ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(operations.every((op) => Array.isArray(op.security))).toBe(true);
    expect((doc as { servers?: unknown }).servers).toEqual([expect.objectContaining({ url: '/' })]);
  });

  test('an unknown route is a 404 JSON envelope carrying x-request-id', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/nope', headers: { 'x-request-id': 'trace-123' } });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.json()).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
    expect(res.headers['x-request-id']).toBe('trace-123');
  });

  test('a schema violation is a 400 envelope naming the field', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/auth/login', payload: { loginId: 123 } });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: expect.stringMatching(/loginId|password/) })]),
    );
  });

  test('a missing required variable names itself in the boot error', () => {
    let error: unknown;
    try {
      service.loadConfig({ PORT: '3000', S3_BUCKET: 'b', S3_PUBLIC_URL: 'http://x', JWT_SECRET: 'x'.repeat(40) });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/DATABASE_URL/);
  });

  test('the documented required variables alone are enough to boot; optional ones take their defaults', () => {
    const config = service.loadConfig({
      PORT: '3000',
      DATABASE_URL: 'mysql://root@127.0.0.1:3306/brandi',
      S3_BUCKET: 'brandi',
      S3_PUBLIC_URL: 'https://cdn.example.com',
      JWT_SECRET: 'x'.repeat(40),
    });
    expect(config.storage).toMatchObject({ region: 'ap-northeast-2', bucket: 'brandi', forcePathStyle: false, endpoint: undefined });
    expect(config.HOST).toBe('0.0.0.0');
  });
}
