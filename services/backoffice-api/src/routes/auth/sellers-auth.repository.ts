import { exactLoginIdOnly, type Database, type NewSeller } from '@brandi/db';
import type { Kysely, Transaction } from 'kysely';
import { baselineChanges, toSellerSnapshot } from '../sellers/seller-fields.js';

/** Inserts a seller and its line history's version 1 in the caller's transaction; returns the id. */
export async function insertSellerWithHistory(trx: Transaction<Database>, seller: NewSeller, now: Date): Promise<number> {
  const result = await trx
    .insertInto('sellers')
    .values({ ...seller, created_at: now, updated_at: now })
    .executeTakeFirstOrThrow();
  const id = Number(result.insertId);
  const row = await trx.selectFrom('sellers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const snapshot = toSellerSnapshot(row);
  await trx
    .insertInto('seller_revisions')
    .values({
      seller_id: id,
      version: 1,
      valid_from: now,
      valid_to: null,
      changed_by: id,
      changes: JSON.stringify(baselineChanges(snapshot)),
      snapshot: JSON.stringify(snapshot),
    })
    .execute();
  return id;
}

/** The seller whose login id is exactly `loginId` (no case, accent or width folding; see exactLoginIdOnly). */
export async function findSellerCredentials(db: Kysely<Database>, loginId: string) {
  const row = await db
    .selectFrom('sellers')
    .select(['id', 'login_id', 'name_ko', 'role', 'status', 'password_hash', 'token_version'])
    .where('login_id', '=', loginId)
    .executeTakeFirst();
  return exactLoginIdOnly(row, loginId);
}
