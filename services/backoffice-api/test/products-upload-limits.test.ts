import { randomBytes } from 'node:crypto';
import { request, type ClientRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpApp } from '@brandi/http';
import { readLedger } from '@brandi/storage/testing';
import { buildApp } from '../src/app.js';
import { startTestApp, testConfig, type TestContext } from './harness.js';
import { createStoredProduct, jpegFiles, multipart, productJson, productTableCounts, validJpeg } from './products.fixtures.js';
import { bearerFor, createSeller } from './sellers.fixtures.js';

// A form is read only once the caller may write (role, status, and for PATCH the product's scope), and never
// past its size cap: the answer comes while the client is still sending, and the rest is never read.

const MB = 1024 * 1024;

let ctx: TestContext;
let capped: HttpApp;
let port: number;
let cappedPort: number;
let active: number;
let pending: number;
beforeAll(async () => {
  ctx = await startTestApp();
  active = await createSeller(ctx.db, { attributeId: 1 });
  pending = await createSeller(ctx.db, { attributeId: 1, status: 'pending' });
  // 100 KB per file: the form cap is 5 × 100 KB plus the fields' allowance (2 MiB + 64 KiB).
  capped = await buildApp({
    config: testConfig(ctx.s3, ctx.config.DATABASE_URL, { UPLOAD_MAX_BYTES: '100000' }),
    db: ctx.db,
    store: ctx.s3.store,
  });
  port = await listen(ctx.app);
  cappedPort = await listen(capped);
});
afterAll(async () => {
  await capped.close();
  await ctx.close();
});

async function listen(app: HttpApp): Promise<number> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return (app.server.address() as AddressInfo).port;
}

interface Streamed {
  status: number;
  body: { error: { code: string } };
  total: number;
  /** Bytes the client had handed to the socket when the response head arrived. */
  sentAtResponse: number;
  /** Whether the client managed to send the whole body (the server read it all). */
  finished: boolean;
}

/**
 * Sends a multipart form over a real socket as fast as the server takes it: the product, then `files` image
 * parts of `fileBytes` each (optionally after a junk preamble), with or without Content-Length.
 */
async function streamForm(options: {
  port: number;
  method: 'POST' | 'PATCH';
  path: string;
  headers: Record<string, string>;
  files: number;
  fileBytes: number;
  preambleBytes?: number;
  declareLength?: boolean;
}): Promise<Streamed> {
  const boundary = `----brandi${randomBytes(8).toString('hex')}`;
  const fileHead = (i: number) =>
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="images"; filename="big${i}.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
    );
  const pieces: (Buffer | number)[] = [
    ...(options.preambleBytes ? [options.preambleBytes, Buffer.from('\r\n')] : []),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="product"\r\n\r\n${JSON.stringify(productJson())}\r\n`),
    ...Array.from({ length: options.files }, (_, i) => [
      fileHead(i),
      validJpeg().subarray(0, 4),
      options.fileBytes - 4,
      Buffer.from('\r\n'),
    ]).flat(),
    Buffer.from(`--${boundary}--\r\n`),
  ];
  const total = pieces.reduce<number>((sum, piece) => sum + (typeof piece === 'number' ? piece : piece.length), 0);
  const req = request({
    host: '127.0.0.1',
    port: options.port,
    method: options.method,
    path: options.path,
    headers: {
      ...options.headers,
      'content-type': `multipart/form-data; boundary=${boundary}`,
      ...(options.declareLength === false ? {} : { 'content-length': String(total) }),
    },
  });
  let sent = 0;
  let sentAtResponse = -1;
  let broken = false;
  const response = new Promise<{ status: number; body: Streamed['body'] }>((resolve, reject) => {
    req.on('response', (res) => {
      sentAtResponse = sent;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString()) }));
      res.on('error', reject);
    });
    req.on('error', (err) => {
      broken = true;
      if (sentAtResponse < 0) reject(err);
    });
  });
  for (const part of chunksOf(pieces)) {
    if (broken || req.destroyed) break;
    const flushed = req.write(part);
    sent += part.length;
    // A server that stopped reading never drains: give up after a while, as a client would.
    if (!flushed && !(await drained(req, 1500))) break;
  }
  const finished = sent === total && !broken;
  if (finished) req.end();
  const { status, body } = await response;
  req.destroy();
  return { status, body, total, sentAtResponse, finished };
}

const FILLER = Buffer.alloc(64 * 1024, 0x41);

function* chunksOf(pieces: (Buffer | number)[]): Generator<Buffer> {
  for (const piece of pieces) {
    if (typeof piece !== 'number') yield piece;
    else for (let left = piece; left > 0; left -= FILLER.length) yield FILLER.subarray(0, Math.min(FILLER.length, left));
  }
}

/** True once the request drains; false when it closes first or `ms` pass (errors are the response's to report). */
function drained(req: ClientRequest, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const settle = (value: boolean) => {
      clearTimeout(timer);
      req.off('drain', onDrain).off('close', onClose);
      resolve(value);
    };
    const onDrain = () => settle(true);
    const onClose = () => settle(false);
    const timer = setTimeout(onClose, ms);
    req.on('drain', onDrain).on('close', onClose);
  });
}

async function snapshot() {
  return { keys: (await ctx.s3.listKeys()).sort(), counts: await productTableCounts(ctx.db), ledger: await readLedger(ctx.db) };
}

test('a pending seller sending 63 MB of images is 403 at once: the body is not read, nothing is stored', async () => {
  const before = await snapshot();
  const res = await streamForm({
    port,
    method: 'POST',
    path: '/products',
    headers: await bearerFor(ctx.app, pending),
    files: 6,
    fileBytes: 10 * MB - 1024,
  });
  expect(res.status).toBe(403);
  expect(res.body.error.code).toBe('FORBIDDEN');
  expect(res.total).toBeGreaterThan(62_900_000);
  // The answer came while most of the upload was still on the client, and the server never took the rest.
  expect(res.sentAtResponse).toBeGreaterThanOrEqual(0);
  expect(res.sentAtResponse).toBeLessThan(16 * MB);
  expect(res.finished).toBe(false);
  expect(await snapshot()).toEqual(before);
});

test('a seller PATCHing someone else’s product with a large form is 404 before any part is read', async () => {
  const other = await createSeller(ctx.db, { attributeId: 1 });
  const foreign = await createStoredProduct(ctx, other);
  const before = await snapshot();
  const res = await streamForm({
    port,
    method: 'PATCH',
    path: `/products/${foreign}`,
    headers: { ...(await bearerFor(ctx.app, active)), 'if-match': '1' },
    files: 3,
    fileBytes: 10 * MB - 1024,
  });
  expect(res.status).toBe(404);
  expect(res.sentAtResponse).toBeLessThan(16 * MB);
  expect(res.finished).toBe(false);
  expect(await snapshot()).toEqual(before);
});

test('a paused seller’s multipart PATCH of its own product is 403 before reading', async () => {
  const paused = await createSeller(ctx.db, { attributeId: 1, status: 'paused' });
  const own = await createStoredProduct(ctx, paused);
  const body = await multipart({ imageOrder: [{ file: 0 }] }, jpegFiles(1));
  const res = await ctx.app.inject({
    method: 'PATCH',
    url: `/products/${own}`,
    payload: body.payload,
    headers: { ...(await bearerFor(ctx.app, paused)), 'content-type': body.contentType, 'if-match': '1' },
  });
  expect(res.statusCode).toBe(403);
});

test('a form declaring more than the cap is 413 before it is read', async () => {
  const before = await snapshot();
  const body = await multipart({ product: productJson() }, [...jpegFiles(1), { name: 'pad.jpg', body: Buffer.alloc(2_700_000, 1) }]);
  const res = await capped.inject({
    method: 'POST',
    url: '/products',
    payload: body.payload,
    headers: { ...(await bearerFor(capped, active)), 'content-type': body.contentType },
  });
  expect(res.statusCode).toBe(413);
  expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  expect(await snapshot()).toEqual(before);
});

test('a chunked form growing past the cap is 413 while streaming, and the rest is never read', async () => {
  const before = await snapshot();
  // Junk before the first boundary: busboy skips it, so without the cap this form would be accepted.
  const res = await streamForm({
    port: cappedPort,
    method: 'POST',
    path: '/products',
    headers: await bearerFor(capped, active),
    files: 1,
    fileBytes: 50_000,
    preambleBytes: 40 * MB,
    declareLength: false,
  });
  expect(res.status).toBe(413);
  expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  expect(res.sentAtResponse).toBeLessThan(16 * MB);
  expect(res.finished).toBe(false);
  expect(await snapshot()).toEqual(before);
});

test('a form within the cap still registers', async () => {
  const body = await multipart({ product: productJson() }, jpegFiles(2));
  const res = await capped.inject({
    method: 'POST',
    url: '/products',
    payload: body.payload,
    headers: { ...(await bearerFor(capped, active)), 'content-type': body.contentType },
  });
  expect(res.statusCode).toBe(201);
});
