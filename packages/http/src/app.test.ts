import Type from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { createHttpApp, errorResponses, notFound, type HttpAppOptions } from './index.js';
import { createLogCapture, resolveRef } from './testing/index.js';

class DriverDownError extends Error {}

const Product = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    price: Type.Integer({ minimum: 10 }),
    options: Type.Optional(
      Type.Array(Type.Object({ color: Type.String({ minLength: 1 }), size: Type.String() }, { additionalProperties: false })),
    ),
    status: Type.Optional(Type.Enum(['draft', 'published'])),
  },
  { additionalProperties: false },
);

const demoRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/products',
    {
      schema: {
        body: Product,
        response: {
          201: Type.Object({ name: Type.String(), price: Type.Integer() }, { additionalProperties: false }),
          ...errorResponses(400),
        },
      },
    },
    async (request, reply) => reply.code(201).send({ ...request.body, secret: 'internal' } as never),
  );
  app.get(
    '/items',
    {
      schema: {
        querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 100 }), tag: Type.Optional(Type.Array(Type.String())) }),
        response: { 200: Type.Object({ limit: Type.Integer(), tag: Type.Array(Type.String()) }) },
      },
    },
    async (request) => ({ limit: request.query.limit, tag: request.query.tag ?? [] }),
  );
  app.get(
    '/items/:id',
    { schema: { params: Type.Object({ id: Type.Integer({ minimum: 1 }) }), response: errorResponses(404) } },
    async () => {
      throw notFound('Item');
    },
  );
  app.get('/boom', async () => {
    throw new Error('ER_NO_SUCH_TABLE: SELECT * FROM secrets');
  });
  app.get('/driver-down', async () => {
    throw new DriverDownError('connect ECONNREFUSED 10.0.0.1:3306');
  });
  app.get('/limited', async (_request, reply) => {
    reply.header('retry-after', '42');
    throw Object.assign(new Error('Rate limit exceeded, retry in 1 minute'), { statusCode: 429 });
  });
  app.get('/whoami', async (request) => {
    request.log.info({ headers: request.headers, body: { password: 'hunter22' } }, 'looking');
    return { ok: true };
  });
};

function buildApp(overrides: Partial<HttpAppOptions> = {}) {
  const logs = createLogCapture();
  const app = createHttpApp({
    name: 'demo-api',
    version: '1.2.3',
    logLevel: 'info',
    logger: logs.stream,
    unavailableWhen: [(err) => err instanceof DriverDownError],
    ...overrides,
  });
  app.register(demoRoutes);
  return { app, logs };
}

describe('createHttpApp', () => {
  const { app, logs } = buildApp({ bodyLimit: 1024 });
  afterAll(() => app.close());

  it('answers unknown routes with a 404 envelope', async () => {
    const res = await app.inject({ method: 'GET', url: '/nope?x=1' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'Route GET /nope not found' } });
    expect(res.headers['x-request-id']).toBeDefined();
  });

  it('rejects a body that breaks the schema, naming every field', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/products',
      payload: { price: '10', extra: true, options: [{ color: '', size: 'M' }], status: 'gone' },
    });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toEqual(
      expect.arrayContaining([
        { field: 'name', message: 'is required' },
        { field: 'extra', message: 'is not allowed' },
        { field: 'price', message: 'must be integer' },
        { field: 'options.0.color', message: expect.stringContaining('1') },
        { field: 'status', message: 'must be one of: draft, published' },
      ]),
    );
    expect(error.details).toHaveLength(5);
  });

  it('serializes through the response schema, dropping unlisted fields', async () => {
    const res = await app.inject({ method: 'POST', url: '/products', payload: { name: 'Tee', price: 10000 } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ name: 'Tee', price: 10000 });
  });

  it('coerces query strings but rejects unknown and invalid parameters', async () => {
    const ok = await app.inject({ method: 'GET', url: '/items?limit=10&tag=a&tag=b' });
    expect(ok.json()).toEqual({ limit: 10, tag: ['a', 'b'] });
    const single = await app.inject({ method: 'GET', url: '/items?limit=10&tag=a' });
    expect(single.json()).toEqual({ limit: 10, tag: ['a'] });

    const bad = await app.inject({ method: 'GET', url: '/items?limit=0&limt=5' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toEqual(
      expect.arrayContaining([
        { field: 'limit', message: 'must be >= 1' },
        { field: 'limt', message: 'is not allowed' },
      ]),
    );
  });

  it('validates params and answers AppErrors with their status', async () => {
    expect((await app.inject({ method: 'GET', url: '/items/abc' })).json().error.details).toEqual([
      { field: 'id', message: 'must be integer' },
    ]);
    const res = await app.inject({ method: 'GET', url: '/items/7' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'Item not found' } });
  });

  it('answers broken JSON, wrong media types and oversized bodies with envelopes', async () => {
    const headers = { 'content-type': 'application/json' };
    const invalid = await app.inject({ method: 'POST', url: '/products', headers, payload: '{"name":' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.code).toBe('VALIDATION_FAILED');

    const empty = await app.inject({ method: 'POST', url: '/products', headers, payload: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('VALIDATION_FAILED');

    const xml = await app.inject({ method: 'POST', url: '/products', headers: { 'content-type': 'application/xml' }, payload: '<a/>' });
    expect(xml.statusCode).toBe(415);
    expect(xml.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');

    const big = await app.inject({
      method: 'POST',
      url: '/products',
      headers,
      payload: JSON.stringify({ name: 'x'.repeat(2000), price: 10 }),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('echoes a sane x-request-id and generates one otherwise', async () => {
    const echoed = await app.inject({ method: 'GET', url: '/nope', headers: { 'x-request-id': 'abc-123.X_y' } });
    expect(echoed.headers['x-request-id']).toBe('abc-123.X_y');

    const generated = await app.inject({ method: 'GET', url: '/items?limit=1' });
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);

    const forged = await app.inject({ method: 'GET', url: '/items?limit=1', headers: { 'x-request-id': 'a b\n"c"' } });
    expect(forged.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('masks unexpected errors and logs them with the request id', async () => {
    const res = await app.inject({ method: 'GET', url: '/boom', headers: { 'x-request-id': 'boom-1' } });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'INTERNAL', message: 'Internal server error (request boom-1)' } });
    expect(res.body).not.toMatch(/ER_NO_SUCH_TABLE|secrets|at /);

    const logged = logs.lines().find((line) => line.reqId === 'boom-1' && line.level === 50);
    expect(logged).toMatchObject({ err: { message: 'ER_NO_SUCH_TABLE: SELECT * FROM secrets' } });
  });

  it('answers 503 for errors an unavailableWhen predicate recognises', async () => {
    const res = await app.inject({ method: 'GET', url: '/driver-down' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ error: { code: 'UNAVAILABLE', message: 'Service temporarily unavailable' } });
    expect(res.body).not.toContain('ECONNREFUSED');
  });

  it('keeps retry-after on rate-limit errors', async () => {
    const res = await app.inject({ method: 'GET', url: '/limited' });
    expect(res.statusCode).toBe(429);
    expect(res.headers['retry-after']).toBe('42');
    expect(res.json().error.code).toBe('RATE_LIMITED');
  });

  it('tags every log line with reqId and redacts credentials', async () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9.secret-token-value.sig';
    await app.inject({ method: 'GET', url: '/whoami', headers: { authorization: `Bearer ${token}`, 'x-request-id': 'who-1' } });
    const lines = logs.lines().filter((line) => line.reqId === 'who-1');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(logs.text()).not.toContain('secret-token-value');
    expect(logs.text()).not.toContain('hunter22');
    expect(
      logs
        .lines()
        .filter((line) => 'req' in line || 'res' in line)
        .every((line) => typeof line.reqId === 'string'),
    ).toBe(true);
  });

  it('serves an OpenAPI 3 document with the error envelope', async () => {
    const res = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info).toMatchObject({ title: 'demo-api', version: '1.2.3' });
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    const invalid = doc.paths['/products'].post.responses['400'];
    expect(invalid).toEqual({ $ref: '#/components/responses/ValidationFailed' });
    expect(resolveRef(doc, invalid).content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ErrorEnvelope' });
    expect(resolveRef(doc, invalid).headers['x-request-id']).toEqual({ $ref: '#/components/headers/RequestId' });
    expect(doc.components.schemas.ErrorEnvelope.properties.error).toBeDefined();
    expect(doc.servers).toEqual([expect.objectContaining({ url: '/' })]);
  });

  it('sends no CORS headers when no origin is configured', async () => {
    const res = await app.inject({ method: 'GET', url: '/items?limit=1', headers: { origin: 'https://evil.example' } });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('createHttpApp with CORS origins', () => {
  const { app } = buildApp({ corsOrigins: ['https://shop.example.com'] });
  afterAll(() => app.close());

  it('allows the configured origin and exposes the request id', async () => {
    const res = await app.inject({ method: 'GET', url: '/items?limit=1', headers: { origin: 'https://shop.example.com' } });
    expect(res.headers['access-control-allow-origin']).toBe('https://shop.example.com');
    expect(res.headers['access-control-expose-headers']).toContain('x-request-id');

    const other = await app.inject({ method: 'GET', url: '/items?limit=1', headers: { origin: 'https://evil.example' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});
