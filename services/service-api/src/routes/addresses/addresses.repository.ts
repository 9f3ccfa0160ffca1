import type { Address as AddressRow, Database } from '@brandi/db';
import { sql } from '@brandi/db';
import type { Kysely } from 'kysely';
import type { Address } from './schemas.js';

type Executor = Kysely<Database>;

export const MAX_ADDRESSES = 5;

export function toAddress(row: AddressRow): Address {
  return {
    id: row.id,
    recipient: row.recipient,
    phone: row.phone,
    zipCode: row.zip_code,
    address1: row.address1,
    address2: row.address2,
    isDefault: Boolean(row.is_default),
  };
}

/** A shopper's addresses, the default first, then newest first. */
export function findAddresses(db: Executor, shopperId: number): Promise<AddressRow[]> {
  return db
    .selectFrom('addresses')
    .selectAll()
    .where('shopper_id', '=', shopperId)
    .orderBy('is_default', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export function findAddress(db: Executor, shopperId: number, id: number): Promise<AddressRow | undefined> {
  return db.selectFrom('addresses').selectAll().where('id', '=', id).where('shopper_id', '=', shopperId).executeTakeFirst();
}

/** Serialises a shopper's address (and cart) writes on the shopper row, so limits hold under concurrency. */
export async function lockShopper(trx: Executor, shopperId: number): Promise<void> {
  await sql`SELECT id FROM shoppers WHERE id = ${shopperId} FOR UPDATE`.execute(trx);
}

export async function unsetDefault(trx: Executor, shopperId: number): Promise<void> {
  await trx
    .updateTable('addresses')
    .set({ is_default: false })
    .where('shopper_id', '=', shopperId)
    .where('is_default', '=', true)
    .execute();
}
