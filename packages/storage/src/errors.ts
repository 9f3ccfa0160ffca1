export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message || err.name : String(err);
}

export interface DeleteFailure {
  key: string;
  message: string;
}

/** Some objects could not be deleted; `failures` names each of them. */
export class StorageDeleteError extends Error {
  override readonly name = 'StorageDeleteError';
  readonly failures: DeleteFailure[];

  constructor(failures: DeleteFailure[], options?: { cause?: unknown }) {
    const listed = failures.map((f) => `${f.key} (${f.message})`).join(', ');
    super(`Could not delete ${failures.length} object(s): ${listed}`, options);
    this.failures = failures;
  }

  get failedKeys(): string[] {
    return this.failures.map((f) => f.key);
  }
}

/**
 * `markLive` found keys that are no longer pending: the sweeper claimed them because the request outlived
 * the grace period. The transaction must roll back, since the objects are being deleted.
 */
export class LedgerConflictError extends Error {
  override readonly name = 'LedgerConflictError';
  readonly keys: string[];

  constructor(keys: string[]) {
    super(`Uploaded objects are no longer pending (claimed by the sweeper): ${keys.join(', ')}`);
    this.keys = keys;
  }
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'ECONNABORTED',
]);

const TIMEOUT_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'AbortError']);

function isUnavailableOnce(err: object): boolean {
  const e = err as { code?: unknown; name?: unknown; message?: unknown; $metadata?: { httpStatusCode?: number } };
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return true;
  if (typeof e.name === 'string' && (TIMEOUT_NAMES.has(e.name) || NETWORK_CODES.has(e.name))) return true;
  if (typeof e.message === 'string' && /socket hang up|ECONNREFUSED|ETIMEDOUT/i.test(e.message)) return true;
  const status = e.$metadata?.httpStatusCode;
  return typeof status === 'number' && status >= 500;
}

/** True when S3 could not be reached or answered 5xx: the request should answer 503, not 500. */
export function isStorageUnavailable(err: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [err];
  while (queue.length > 0) {
    const current = queue.shift();
    if (typeof current !== 'object' || current === null || seen.has(current)) continue;
    seen.add(current);
    if (isUnavailableOnce(current)) return true;
    // Node wraps connect failures in AggregateError (one per address) and the SDK keeps the cause.
    queue.push((current as { cause?: unknown }).cause, ...((current as { errors?: unknown[] }).errors ?? []));
  }
  return false;
}
