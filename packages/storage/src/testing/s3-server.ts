/// <reference path="./s3rver.d.ts" />
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { createObjectStore, type ObjectStore, type StorageConfig } from '../object-store.js';

export interface RunningS3 {
  config: StorageConfig;
  store: ObjectStore;
  /** Every key in the bucket, read by listing it (not from the ledger). */
  listKeys(): Promise<string[]>;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

async function startS3rver(
  options: { directory: string; port: number; bucket: string },
  onClose?: () => Promise<void>,
): Promise<RunningS3> {
  const server = new S3rver({
    address: HOST,
    port: options.port,
    silent: true,
    directory: options.directory,
    configureBuckets: [{ name: options.bucket }],
  });
  serializeWrites(server);
  const { port } = await server.run();
  const endpoint = `http://${HOST}:${port}`;
  const config: StorageConfig = {
    endpoint,
    region: 'us-east-1',
    bucket: options.bucket,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    forcePathStyle: true,
    publicUrl: `${endpoint}/${options.bucket}`,
  };
  const store = createObjectStore(config);
  let closed = false;
  return {
    config,
    store,
    listKeys: () => store.listKeys(),
    async close() {
      if (closed) return;
      closed = true;
      // The client's keep-alive sockets would hold the server open.
      store.destroy();
      await server.close();
      await onClose?.();
    },
  };
}

/**
 * s3rver 3.7.1 removes a key's now-empty parent directories after a delete, which races with concurrent
 * deletes and puts under the same prefix (500 with ENOENT). Running its filesystem writes one at a time
 * keeps it a faithful S3 stand-in; HTTP requests still arrive concurrently.
 */
function serializeWrites(server: S3rver): void {
  const store = server.store;
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(run: () => Promise<T>): Promise<T> => {
    const result = queue.then(run);
    queue = result.catch(() => undefined);
    return result;
  };
  const putObject = store.putObject.bind(store);
  const deleteObject = store.deleteObject.bind(store);
  store.putObject = (...args) => exclusive(() => putObject(...args));
  store.deleteObject = (bucket, key) => exclusive(() => deleteObject(bucket, key));
}

/** A throwaway s3rver on a free port with the `brandi-test` bucket, its data in a fresh temp directory. */
export async function startTestS3(): Promise<RunningS3> {
  const directory = await mkdtemp(join(tmpdir(), 'brandi-s3-'));
  try {
    return await startS3rver({ directory, port: 0, bucket: 'brandi-test' }, () => rm(directory, { recursive: true, force: true }));
  } catch (err) {
    await rm(directory, { recursive: true, force: true });
    throw err;
  }
}

/** A local s3rver that keeps its objects in `directory` across runs (the dev runner's `.data/s3`). */
export async function startLocalS3(options: { directory: string; port: number; bucket: string }): Promise<RunningS3> {
  await mkdir(options.directory, { recursive: true });
  return startS3rver(options);
}
