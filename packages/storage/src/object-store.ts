import {
  CreateBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { messageOf, StorageDeleteError, type DeleteFailure } from './errors.js';

export interface StorageConfig {
  /** Unset means AWS itself. */
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
  /** Base URL objects are served from; `${publicUrl}/${key}`. */
  publicUrl: string;
}

export interface ObjectStore {
  readonly bucket: string;
  /** The S3 client in use; tests add middleware to it to inject faults. */
  readonly client: S3Client;
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  /** The object's bytes. */
  get(key: string): Promise<Buffer>;
  /** A missing object counts as deleted. */
  delete(key: string): Promise<void>;
  /** Deletes in batches of 1000; throws a `StorageDeleteError` naming every key that was not deleted. */
  deleteMany(keys: readonly string[]): Promise<void>;
  publicUrl(key: string): string;
  /** Rejects when the bucket cannot be reached (readiness probe). */
  ping(): Promise<void>;
  /** Creates the bucket when it does not exist (dev and tests). */
  ensureBucket(): Promise<void>;
  listKeys(prefix?: string): Promise<string[]>;
  /** Closes the client's sockets. */
  destroy(): void;
}

export interface ObjectStoreOptions {
  client?: S3Client;
}

const DELETE_BATCH_SIZE = 1000;
const PING_TIMEOUT_MS = 2500;

/** A client that gives up quickly, so a dead S3 turns into a fast 503 instead of a hung request. */
export function createS3Client(config: StorageConfig): S3Client {
  const credentials =
    config.accessKeyId && config.secretAccessKey ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey } : undefined;
  return new S3Client({
    region: config.region,
    endpoint: config.endpoint,
    forcePathStyle: config.forcePathStyle,
    credentials,
    maxAttempts: 2,
    requestHandler: { connectionTimeout: 2000, requestTimeout: 10000, throwOnRequestTimeout: true },
    // S3-compatible stores (s3rver, older MinIO) do not understand the default CRC32 trailers.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

export function joinPublicUrl(base: string, key: string): string {
  return `${base.replace(/\/+$/, '')}/${key.replace(/^\/+/, '')}`;
}

function httpStatusOf(err: unknown): number | undefined {
  return (err as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
}

function isNotFound(err: unknown): boolean {
  const name = (err as { name?: string } | undefined)?.name;
  return name === 'NotFound' || name === 'NoSuchBucket' || name === 'NoSuchKey' || httpStatusOf(err) === 404;
}

export function createObjectStore(config: StorageConfig, options: ObjectStoreOptions = {}): ObjectStore {
  const client = options.client ?? createS3Client(config);
  const Bucket = config.bucket;

  async function deleteBatch(keys: string[]): Promise<{ failures: DeleteFailure[]; cause?: unknown }> {
    try {
      const out = await client.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true } }));
      const failures = (out.Errors ?? [])
        .filter((e) => e.Code !== 'NoSuchKey')
        .map((e) => ({ key: e.Key ?? '?', message: `${e.Code ?? 'Error'}: ${e.Message ?? ''}`.trim() }));
      return { failures };
    } catch (err) {
      return { failures: keys.map((key) => ({ key, message: messageOf(err) })), cause: err };
    }
  }

  return {
    bucket: Bucket,
    client,

    async put(key, body, contentType) {
      await client.send(new PutObjectCommand({ Bucket, Key: key, Body: body, ContentType: contentType }));
    },

    async get(key) {
      const out = await client.send(new GetObjectCommand({ Bucket, Key: key }));
      if (!out.Body) throw new Error(`Object ${key} has no body`);
      return Buffer.from(await out.Body.transformToByteArray());
    },

    async delete(key) {
      try {
        await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    },

    async deleteMany(keys) {
      const unique = [...new Set(keys)];
      const failures: DeleteFailure[] = [];
      let firstCause: unknown;
      // Every batch is attempted, so one bad batch does not leave the others behind.
      for (let i = 0; i < unique.length; i += DELETE_BATCH_SIZE) {
        const result = await deleteBatch(unique.slice(i, i + DELETE_BATCH_SIZE));
        failures.push(...result.failures);
        firstCause ??= result.cause;
      }
      if (failures.length > 0) throw new StorageDeleteError(failures, { cause: firstCause });
    },

    publicUrl(key) {
      return joinPublicUrl(config.publicUrl, key);
    },

    async ping() {
      // Readiness probes have their own deadline; answer within it even when S3 is a black hole.
      await client.send(new HeadBucketCommand({ Bucket }), { abortSignal: AbortSignal.timeout(PING_TIMEOUT_MS) });
    },

    async ensureBucket() {
      try {
        await client.send(new HeadBucketCommand({ Bucket }));
        return;
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
      try {
        await client.send(new CreateBucketCommand({ Bucket }));
      } catch (err) {
        const name = (err as { name?: string }).name;
        if (name !== 'BucketAlreadyOwnedByYou' && name !== 'BucketAlreadyExists') throw err;
      }
    },

    async listKeys(prefix) {
      const keys: string[] = [];
      // ListObjects (v1) paged by the last key seen: every S3 implementation supports it, while s3rver
      // answers 500 to any truncated ListObjectsV2 on OpenSSL 3 (it mints continuation tokens with DES).
      for (;;) {
        const page = await client.send(new ListObjectsCommand({ Bucket, Prefix: prefix, Marker: keys.at(-1) }));
        for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
        if (!page.IsTruncated || !page.Contents?.length) return keys;
      }
    },

    destroy() {
      client.destroy();
    },
  };
}
