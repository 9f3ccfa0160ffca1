import { connect, type AddressInfo, type Socket } from 'node:net';
import { createHttpApp, type HttpApp } from './index.js';
import { writeClientError } from './security-headers.js';
import { createLogCapture } from './testing/index.js';

let app: HttpApp;
let port: number;

beforeAll(async () => {
  app = createHttpApp({ name: 'headers-demo', version: '0.0.0', logLevel: 'warn', logger: createLogCapture().stream });
  app.get('/items', async () => ({ ok: true }));
  app.post('/items', async () => ({ ok: true }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  port = (app.server.address() as AddressInfo).port;
});
afterAll(() => app.close());

/** Sends bytes as they are (no client library tidying them up) and reads the whole answer. */
function rawRequest(bytes: string): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head, ...rest] = text.split('\r\n\r\n');
      const [statusLine, ...headerLines] = head.split('\r\n');
      const headers = Object.fromEntries(
        headerLines.map((line) => {
          const at = line.indexOf(':');
          return [line.slice(0, at).toLowerCase(), line.slice(at + 1).trim()];
        }),
      );
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') });
    });
    socket.write(bytes);
  });
}

function expectSecurityHeaders(headers: Record<string, string | string[] | number | undefined>) {
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['strict-transport-security']).toMatch(/^max-age=\d+/);
  expect(headers['cross-origin-resource-policy']).toBe('same-origin');
}

describe('security headers', () => {
  it('are on every JSON answer: a route, a 404, a validation error, a malformed URL', async () => {
    const ok = await app.inject({ method: 'GET', url: '/items' });
    expectSecurityHeaders(ok.headers);
    expect(ok.headers['content-security-policy']).toContain("default-src 'none'");

    expectSecurityHeaders((await app.inject({ method: 'GET', url: '/nope' })).headers);
    const badJson = await app.inject({ method: 'POST', url: '/items', headers: { 'content-type': 'application/json' }, payload: '{' });
    expect(badJson.statusCode).toBe(400);
    expectSecurityHeaders(badJson.headers);

    const badUrl = await rawRequest('GET /items/%E0%A4%A HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(badUrl.status).toBe(400);
    expect(JSON.parse(badUrl.body).error.code).toBe('VALIDATION_FAILED');
    expectSecurityHeaders(badUrl.headers);
  });

  it('let Swagger UI load its own scripts, styles and data: images and nothing else', async () => {
    const page = await app.inject({ method: 'GET', url: '/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('swagger-initializer.js');
    expect(page.body).not.toMatch(/<script>(?!\s*<)/); // no inline script the CSP would have to allow
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("img-src 'self' data:");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');

    const script = await app.inject({ method: 'GET', url: '/docs/static/swagger-initializer.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-security-policy']).toBe(csp);
    const bundle = await app.inject({ method: 'GET', url: '/docs/static/swagger-ui-bundle.js' });
    expect(bundle.statusCode).toBe(200);

    // The API's own routes keep the strict policy.
    expect((await app.inject({ method: 'GET', url: '/items' })).headers['content-security-policy']).not.toContain('script-src');
  });
});

describe('errors the HTTP parser answers itself', () => {
  it('an oversized header is 431 with the error envelope', async () => {
    const res = await rawRequest(`GET /items HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(res.status).toBe(431);
    expect(JSON.parse(res.body)).toEqual({ error: { code: 'HEADERS_TOO_LARGE', message: 'Request headers are too large' } });
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.body));
    expectSecurityHeaders(res.headers);
  });

  it.each([
    ['a malformed request line', 'GARBAGE\r\n\r\n'],
    ['a non-numeric Content-Length', 'POST /items HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ten\r\n\r\n{}'],
    ['two different Content-Lengths', 'POST /items HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}'],
    ['a header without a colon', 'GET /items HTTP/1.1\r\nHost: x\r\nnot a header\r\n\r\n'],
  ])('%s is 400 with the error envelope', async (_label, bytes) => {
    const res = await rawRequest(bytes);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toEqual({ error: { code: 'BAD_REQUEST', message: 'Malformed HTTP request' } });
    expectSecurityHeaders(res.headers);
  });

  it('a request that never finishes arriving is 408 with the envelope; a reset connection gets nothing', () => {
    const fakeSocket = () => {
      const socket = {
        destroyed: false,
        writable: true,
        written: '',
        write: (text: string) => {
          socket.written += text;
        },
        destroy: () => {
          socket.destroyed = true;
        },
      };
      return socket;
    };
    const socket = fakeSocket();
    writeClientError(Object.assign(new Error('request timeout'), { code: 'ERR_HTTP_REQUEST_TIMEOUT' }), socket as unknown as Socket);
    const [head, body] = socket.written.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(head).toContain('x-content-type-options: nosniff');
    expect(JSON.parse(body)).toEqual({ error: { code: 'REQUEST_TIMEOUT', message: 'The request took too long to arrive' } });
    expect(socket.destroyed).toBe(true);

    const reset = fakeSocket();
    writeClientError(Object.assign(new Error('reset'), { code: 'ECONNRESET' }), reset as unknown as Socket);
    expect(reset.written).toBe('');
  });
});
