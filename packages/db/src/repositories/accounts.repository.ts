import type { Db } from '../client.js';

/** Tables whose rows log in with a login id and password (shoppers and sellers/admins). */
export type AccountTable = 'sellers' | 'shoppers';

/**
 * The row only when its login id is exactly the one typed. `login_id` is compared under utf8mb4_unicode_ci
 * (so the unique index finds it), which also matches `abc `, `àbc` and `ａｂｃ`; ids are stored as typed at
 * signup ([a-z0-9_]), so anything else is an unknown id.
 */
export function exactLoginIdOnly<R extends { login_id: string }>(row: R | undefined, loginId: string): R | undefined {
  return row !== undefined && row.login_id === loginId ? row : undefined;
}

/**
 * Replaces an outdated hash of the same password (a login just proved it). Only if the hash is still the one
 * verified, so a password change that raced this login wins; tokens stay valid (same password).
 */
export async function rehashPassword(db: Db, table: AccountTable, id: number, verifiedHash: string, newHash: string): Promise<void> {
  await db.updateTable(table).set({ password_hash: newHash }).where('id', '=', id).where('password_hash', '=', verifiedHash).execute();
}
