import { DEV_CORS_ORIGINS, devCorsOrigins } from '@brandi/demo';
import { startTestApp, type TestContext } from './harness.js';

let ctx: TestContext;
beforeAll(async () => {
  // What `pnpm dev` hands the services when CORS_ORIGINS is not set.
  ctx = await startTestApp({ env: { CORS_ORIGINS: devCorsOrigins({}) } });
});
afterAll(() => ctx.close());

const preflight = (origin: string) =>
  ctx.app.inject({
    method: 'OPTIONS',
    url: '/products',
    headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
  });

test.each(['http://localhost:5173', 'http://127.0.0.1:5173', 'http://localhost:4200', 'http://localhost:8080', 'http://localhost:3002'])(
  'a preflight from the local dev server %s is allowed',
  async (origin) => {
    const res = await preflight(origin);
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(origin);
    expect(String(res.headers['access-control-allow-headers'])).toMatch(/authorization/i);
  },
);

test('other origins get no CORS headers; a CORS_ORIGINS the user set (even empty) wins', async () => {
  expect((await preflight('https://evil.example')).headers['access-control-allow-origin']).toBeUndefined();
  expect((await preflight('http://localhost:9999')).headers['access-control-allow-origin']).toBeUndefined();
  expect(devCorsOrigins({ CORS_ORIGINS: 'https://shop.example.com' })).toBe('https://shop.example.com');
  expect(devCorsOrigins({ CORS_ORIGINS: '' })).toBe('');
  expect(devCorsOrigins({}).split(',')).toEqual(DEV_CORS_ORIGINS);
});
