import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { isStorageUnavailable, StorageDeleteError } from './errors.js';
import { createObjectStore } from './object-store.js';
import { failingDeletes, startTestS3, type RunningS3 } from './testing/index.js';

/** A fresh key under `dir/` (the store takes any key; product key naming lives in @brandi/images). */
const randomKey = (dir: number) => `objects/${dir}/${randomBytes(16).toString('base64url')}.jpg`;

let s3: RunningS3;

beforeAll(async () => {
  s3 = await startTestS3();
});
afterAll(() => s3.close());
beforeEach(async () => {
  await s3.store.deleteMany(await s3.listKeys());
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test('put, list, delete and deleteMany against a real S3 protocol server', async () => {
  const keys = [randomKey(1), randomKey(1), randomKey(2)];
  for (const key of keys) await s3.store.put(key, Buffer.from('jpeg bytes'), 'image/jpeg');
  expect((await s3.listKeys()).sort()).toEqual([...keys].sort());
  expect(await s3.store.listKeys('objects/2/')).toEqual([keys[2]]);

  await s3.store.delete(keys[0]);
  await s3.store.delete(keys[0]); // a missing object counts as deleted
  await s3.store.deleteMany([keys[1], keys[2], 'products/9/never-existed.jpg']);
  expect(await s3.listKeys()).toEqual([]);
});

test('listKeys pages through more than one listing page', async () => {
  const keys = Array.from({ length: 1005 }, (_, i) => `paging/${String(i).padStart(4, '0')}.jpg`);
  for (let i = 0; i < keys.length; i += 50) {
    await Promise.all(keys.slice(i, i + 50).map((key) => s3.store.put(key, Buffer.from('x'), 'image/jpeg')));
  }
  expect(await s3.store.listKeys('paging/')).toHaveLength(1005);
  await s3.store.deleteMany(keys);
  expect(await s3.store.listKeys('paging/')).toEqual([]);
}, 60_000);

test('deleteMany sends batches of 1000 and names every key of a failed batch', async () => {
  const keys = Array.from({ length: 2500 }, (_, i) => `batch/${i}.jpg`);
  const fault = failingDeletes(s3.store, { failOnCall: 2 });
  try {
    const err = await s3.store.deleteMany(keys).catch((e: unknown) => e);
    expect(fault.calls).toBe(3);
    expect(err).toBeInstanceOf(StorageDeleteError);
    expect((err as StorageDeleteError).failedKeys).toEqual(keys.slice(1000, 2000));
    expect(isStorageUnavailable(err)).toBe(true);
  } finally {
    fault.restore();
  }
});

test('publicUrl joins without double slashes', () => {
  const store = createObjectStore({ ...s3.config, publicUrl: 'https://cdn.example.com/images/' });
  expect(store.publicUrl('products/1/a.jpg')).toBe('https://cdn.example.com/images/products/1/a.jpg');
  expect(store.publicUrl('/products/1/a.jpg')).toBe('https://cdn.example.com/images/products/1/a.jpg');
  expect(s3.store.publicUrl('products/1/a.jpg')).toBe(`${s3.config.endpoint}/brandi-test/products/1/a.jpg`);
  store.destroy();
});

test('ensureBucket creates a missing bucket and is idempotent', async () => {
  const store = createObjectStore({ ...s3.config, bucket: 'brandi-created' });
  try {
    const missing = await store.ping().catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(Error);
    expect(isStorageUnavailable(missing)).toBe(false);
    await store.ensureBucket();
    await store.ensureBucket();
    await expect(store.ping()).resolves.toBeUndefined();
  } finally {
    store.destroy();
  }
});

test('an S3 nobody listens on is unavailable, and ping fails fast', async () => {
  const port = await freePort();
  const store = createObjectStore({ ...s3.config, endpoint: `http://127.0.0.1:${port}` });
  try {
    const started = Date.now();
    const err = await store.ping().catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(err).toBeInstanceOf(Error);
    expect(isStorageUnavailable(err)).toBe(true);
    const putErr = await store.put('products/1/x.jpg', Buffer.from('x'), 'image/jpeg').catch((e: unknown) => e);
    expect(isStorageUnavailable(putErr)).toBe(true);
  } finally {
    store.destroy();
  }
});

test('ping gives up within 3 s on an S3 that accepts connections but never answers', async () => {
  const silent = createServer(() => undefined);
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const { port } = silent.address() as { port: number };
  const store = createObjectStore({ ...s3.config, endpoint: `http://127.0.0.1:${port}` });
  try {
    const started = Date.now();
    const err = await store.ping().catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(isStorageUnavailable(err)).toBe(true);
  } finally {
    store.destroy();
    silent.close();
  }
});

test('isStorageUnavailable tells outages from other errors', () => {
  expect(isStorageUnavailable(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }))).toBe(true);
  expect(isStorageUnavailable(Object.assign(new Error('slow'), { name: 'TimeoutError' }))).toBe(true);
  expect(isStorageUnavailable(new Error('socket hang up'))).toBe(true);
  expect(isStorageUnavailable(Object.assign(new Error('x'), { $metadata: { httpStatusCode: 503 } }))).toBe(true);
  expect(isStorageUnavailable(new AggregateError([Object.assign(new Error('a'), { code: 'ETIMEDOUT' })]))).toBe(true);
  expect(isStorageUnavailable(Object.assign(new Error('denied'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } }))).toBe(
    false,
  );
  expect(isStorageUnavailable(new Error('boom'))).toBe(false);
  expect(isStorageUnavailable(undefined)).toBe(false);
});
