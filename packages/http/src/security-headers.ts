import type { Socket } from 'node:net';
import { STATUS_CODES } from 'node:http';
import type { FastifyHelmetOptions } from '@fastify/helmet';
import type { ErrorCode, ErrorEnvelope } from './errors.js';

// The APIs answer JSON only: nothing may load, frame or submit anything on their behalf.
const API_CSP = {
  defaultSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
  frameAncestors: ["'none'"],
};

/**
 * Helmet on every route: nosniff, frames denied (header and CSP), no referrer, HSTS, and the CSP above.
 * Swagger UI (/docs) gets DOCS_CSP instead (see createHttpApp).
 */
export const helmetOptions: FastifyHelmetOptions = {
  contentSecurityPolicy: { useDefaults: false, directives: API_CSP },
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
};

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

/** For answers written before Fastify's onRequest hooks run (so helmet never sees them): the core of its set. */
export const BARE_SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

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
    ...BARE_SECURITY_HEADERS,
  };
  const headers = Object.entries(all)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  if (socket.writable) socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${headers}\r\n${body}`);
  socket.destroy(err);
}
