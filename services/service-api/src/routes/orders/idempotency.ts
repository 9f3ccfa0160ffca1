import { createHash } from 'node:crypto';
import { type Database, isDuplicateEntry } from '@brandi/db';
import { IdempotencyKeyReusedError } from '@brandi/errors';
import type { Kysely } from 'kysely';

type Executor = Kysely<Database>;

export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;

export interface StoredResponse {
  status: number;
  body: unknown;
}

/** sha256 of the body with its keys sorted, so `{a, b}` and `{b, a}` are the same request. */
export function requestHash(body: unknown): string {
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(canonical);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
      );
    }
    return value;
  };
  return createHash('sha256')
    .update(JSON.stringify(canonical(body)))
    .digest('hex');
}

/** Thrown inside the transaction when the key is already someone's (committed) record. */
export class KeyTaken extends Error {}

/**
 * Claims (shopper, key) as the transaction's first write. A concurrent checkout with the same key waits on the
 * unique key until this one commits (then it sees KeyTaken and answers the stored response) or rolls back
 * (then it claims the key itself): the key is never placed twice.
 */
export async function claimKey(trx: Executor, shopperId: number, key: string, hash: string, now: Date): Promise<number> {
  try {
    const result = await trx
      .insertInto('idempotency_records')
      .values({ shopper_id: shopperId, idem_key: key, request_hash: hash, response_status: null, response_body: null, created_at: now })
      .executeTakeFirstOrThrow();
    return Number(result.insertId);
  } catch (err) {
    if (isDuplicateEntry(err)) throw new KeyTaken();
    throw err;
  }
}

/**
 * Stores the answer of a checkout that failed with a domain error (400, 409) after its transaction rolled back
 * (giving up its claim), so that a retry of the key answers it again: API.md has a key answer its first
 * response, whatever it was. Should another request have claimed the key in between (a concurrent retry that
 * waited on the claim), its record stands.
 */
export async function storeFailure(
  db: Executor,
  shopperId: number,
  key: string,
  hash: string,
  now: Date,
  response: StoredResponse,
): Promise<void> {
  try {
    await db
      .insertInto('idempotency_records')
      .values({
        shopper_id: shopperId,
        idem_key: key,
        request_hash: hash,
        response_status: response.status,
        response_body: JSON.stringify(response.body),
        created_at: now,
      })
      .execute();
  } catch (err) {
    if (!isDuplicateEntry(err)) throw err;
  }
}

/**
 * What a key already taken answers: the stored response for the same body, 409 for another body. An expired
 * record (older than 24 h) is deleted and undefined returned: the caller runs the checkout afresh.
 */
export async function replayKey(
  db: Executor,
  shopperId: number,
  key: string,
  hash: string,
  now: Date,
): Promise<StoredResponse | undefined> {
  const record = await db
    .selectFrom('idempotency_records')
    .selectAll()
    .where('shopper_id', '=', shopperId)
    .where('idem_key', '=', key)
    .executeTakeFirst();
  if (!record) return undefined;
  if (record.created_at.getTime() < now.getTime() - IDEMPOTENCY_WINDOW_MS) {
    await db.deleteFrom('idempotency_records').where('id', '=', record.id).where('created_at', '=', record.created_at).execute();
    return undefined;
  }
  if (record.request_hash !== hash) throw new IdempotencyKeyReusedError('This Idempotency-Key was used with another request');
  if (record.response_status === null || record.response_body === null) return undefined;
  return { status: record.response_status, body: JSON.parse(record.response_body) };
}
