// Predicates over mysql2 errors; callers map them to their own errors (never HTTP here).

function codeOf(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : undefined;
}

export function isDuplicateEntry(err: unknown): boolean {
  return codeOf(err) === 'ER_DUP_ENTRY';
}

/** The unique index a duplicate-entry error names, e.g. `uq_sellers_name_ko`. */
export function duplicateKeyName(err: unknown): string | undefined {
  if (!isDuplicateEntry(err)) return undefined;
  const message = (err as Error).message;
  const match = /for key '(?:[^.']+\.)?([^']+)'/.exec(message);
  return match?.[1];
}

export function isForeignKeyViolation(err: unknown): boolean {
  const code = codeOf(err);
  return code === 'ER_NO_REFERENCED_ROW_2' || code === 'ER_ROW_IS_REFERENCED_2' || code === 'ER_NO_REFERENCED_ROW';
}

/**
 * A deadlock or lock wait timeout: the transaction can be run again. InnoDB reports one met while taking a
 * table's auto-increment lock (an INSERT … SELECT holds it for the whole statement) as ER_AUTOINC_READ_FAILED.
 */
export function isLockConflict(err: unknown): boolean {
  const code = codeOf(err);
  return code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_WAIT_TIMEOUT' || code === 'ER_AUTOINC_READ_FAILED';
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_ACCESS_DENIED_ERROR',
  'ER_BAD_DB_ERROR',
  'POOL_ACQUIRE_TIMEOUT',
]);

/** True when the database could not be reached at all (the request should answer 503, not 500). */
export function isDbUnavailable(err: unknown): boolean {
  const code = codeOf(err);
  if (code !== undefined && CONNECTION_CODES.has(code)) return true;
  if (err instanceof Error && /Pool is closed|connection is in closed state/i.test(err.message)) return true;
  return typeof err === 'object' && err !== null && (err as { fatal?: unknown }).fatal === true;
}
