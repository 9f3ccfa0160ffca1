import type { IncomingMessage, ServerResponse } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import helmet, { type HelmetOptions } from 'helmet';
import type { ErrorCode, ErrorEnvelope } from './errors.js';

/**
 * Helmet's set: nosniff, frames denied (header and CSP), no referrer, HSTS, and a CSP for an API that answers
 * JSON only (nothing may load, frame or submit anything on its behalf). Swagger UI (/docs) gets DOCS_CSP.
 */
const HELMET_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { defaultSrc: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"], frameAncestors: ["'none'"] },
  },
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
};

/**
 * The headers helmet writes, collected once: with no per-request directive they never change, and
 * @fastify/helmet rebuilt helmet's middleware on every request (50–100 µs each here, about a tenth of a feed
 * request). Every answer carries them: routes (onRequest), malformed URLs and the parser's own answers.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = (() => {
  const headers: Record<string, string> = {};
  const collector = {
    setHeader: (name: string, value: string | number) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  helmet(HELMET_OPTIONS)({} as IncomingMessage, collector as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err;
  });
  return Object.freeze(headers);
})();

/**
 * Swagger UI's own needs: its bundle, styles and initializer from /docs/static ('self'), the OpenAPI document
 * and "Try it out" calls on the same origin, its logo as a data: image and React's inline style attributes.
 * No inline or third-party script (the validator badge is off: validatorUrl is null).
 */
export const DOCS_CSP = [
  "default-src 'none'",
  "base-uri 'self'",
  "connect-src 'self'",
  "font-src 'self' data:",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "img-src 'self' data:",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
].join('; ');

function describeClientError(code: string | undefined): { status: number; code: ErrorCode; message: string } {
  if (code === 'HPE_HEADER_OVERFLOW') return { status: 431, code: 'HEADERS_TOO_LARGE', message: 'Request headers are too large' };
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return { status: 408, code: 'REQUEST_TIMEOUT', message: 'The request took too long to arrive' };
  return { status: 400, code: 'BAD_REQUEST', message: 'Malformed HTTP request' };
}

/**
 * Node's HTTP parser answers a request it cannot parse (an oversized header, a malformed request line or
 * Content-Length) before Fastify sees it; this writes that answer as the API's error envelope.
 */
export function writeClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const { status, code, message } = describeClientError(err.code);
  const body = JSON.stringify({ error: { code, message } } satisfies ErrorEnvelope);
  const all = {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
    ...SECURITY_HEADERS,
  };
  const headers = Object.entries(all)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  if (socket.writable) socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${headers}\r\n${body}`);
  socket.destroy(err);
}
