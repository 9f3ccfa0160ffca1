import {
  duplicateKeyName,
  hashPassword,
  isDuplicateEntry,
  isLockConflict,
  passwordWeakness,
  sql,
  verifyPassword,
  withTransactionRetry,
  type Db,
  type FieldChange,
} from '@brandi/db';
import { ConflictError, IllegalTransitionError, NotAllowedError, NotFoundError, ValidationError } from '@brandi/errors';
import { accountAttemptKey, unauthenticated, type LoginThrottle } from '@brandi/http';
import type { Actor } from '../../types.js';
import { diffSellerPatch, toSellerSnapshot } from './seller-fields.js';
import { recordSellerRevision } from './seller-revisions.repository.js';
import { isLegalTransition } from './seller-status.js';
import { findSellerProfileRow, lockSellerForUpdate, updateSellerColumns, type SellerProfileRow } from './sellers.repository.js';
import type { PasswordBody, SellerPatchBody } from './schemas.js';

const DUPLICATE_FIELDS: Record<string, string> = { uq_sellers_name_ko: 'nameKo', uq_sellers_name_en: 'nameEn' };

/** A seller sees only itself; someone else's profile is not revealed to exist. */
export function assertCanSeeSeller(actor: Actor, sellerId: number): void {
  if (actor.role !== 'admin' && actor.id !== sellerId) throw new NotFoundError('Seller');
}

/**
 * PATCH /sellers/:id as one transaction: row lock, status rule, update, line history. A deadlock or lock wait
 * timeout reruns it; one that outlasts the retries is a 409 (try again), never a 500.
 */
export async function patchSeller(db: Db, actor: Actor, sellerId: number, body: SellerPatchBody, now: Date): Promise<SellerProfileRow> {
  assertCanSeeSeller(actor, sellerId);
  if (body.status !== undefined && actor.role !== 'admin') throw new NotAllowedError('Only an admin can change a seller status');
  try {
    return await withTransactionRetry(db, async (trx) => {
      const seller = await lockSellerForUpdate(trx, sellerId);
      if (!seller) throw new NotFoundError('Seller');
      if (body.status !== undefined && body.status !== seller.status && !isLegalTransition(seller.status, body.status)) {
        throw new IllegalTransitionError(`A ${seller.status} seller cannot become ${body.status}`, [
          { field: 'status', message: `cannot change from ${seller.status} to ${body.status}` },
        ]);
      }
      const { update, changes } = diffSellerPatch(seller, body);
      if (changes.length > 0) {
        await updateSellerColumns(trx, sellerId, update, now);
        await recordSellerRevision(trx, {
          sellerId,
          registeredAt: seller.created_at,
          before: toSellerSnapshot(seller),
          after: toSellerSnapshot({ ...seller, ...update }),
          changes,
          changedBy: actor.id,
          now,
        });
      }
      return (await findSellerProfileRow(trx, sellerId))!;
    });
  } catch (err) {
    const field = DUPLICATE_FIELDS[duplicateKeyName(err) ?? ''];
    if (field) throw new ConflictError(`${field} is already taken`, [{ field, message: 'is already taken' }]);
    // A history version taken by a concurrent writer (the row lock should make it impossible) is a retry too.
    if (isLockConflict(err) || isDuplicateEntry(err)) throw new ConflictError('The seller is being changed by another request; try again');
    throw err;
  }
}

// History shows that the password changed, never a hash.
const PASSWORD_CHANGE: FieldChange = { field: 'password', before: null, after: '(changed)' };

/**
 * PUT /sellers/:id/password: the seller itself only, proving the current password. A wrong current password
 * spends the account's login budget (429 past it). The change bumps token_version, so every token issued
 * before it (the caller's own included) is refused from then on.
 */
export async function changeSellerPassword(
  db: Db,
  throttle: LoginThrottle,
  request: { actor: Actor; ip: string },
  sellerId: number,
  body: PasswordBody,
  now: Date,
): Promise<void> {
  const { actor } = request;
  if (actor.id !== sellerId) {
    if (actor.role === 'admin') throw new NotAllowedError('Only the seller itself can change its password');
    throw new NotFoundError('Seller');
  }
  const current = await db.selectFrom('sellers').select(['login_id', 'password_hash']).where('id', '=', sellerId).executeTakeFirst();
  if (!current) throw new NotFoundError('Seller');
  const weakness = await passwordWeakness(body.newPassword, current.login_id);
  if (weakness) throw new ValidationError([{ field: 'newPassword', message: weakness }]);
  const attempt = await throttle.begin(request.ip, accountAttemptKey('seller', { id: sellerId }, current.login_id));
  if (!(await verifyPassword(body.currentPassword, current.password_hash))) throw unauthenticated('Current password is wrong');
  await attempt.succeeded();
  const newHash = await hashPassword(body.newPassword);
  await db.transaction().execute(async (trx) => {
    const seller = await lockSellerForUpdate(trx, sellerId);
    if (!seller) throw new NotFoundError('Seller');
    // Changed by a concurrent request since it was verified: prove the current password again.
    if (seller.password_hash !== current.password_hash) throw unauthenticated('Current password is wrong');
    await updateSellerColumns(trx, sellerId, { password_hash: newHash, token_version: sql<number>`token_version + 1` }, now);
    const snapshot = toSellerSnapshot(seller);
    await recordSellerRevision(trx, {
      sellerId,
      registeredAt: seller.created_at,
      before: snapshot,
      after: snapshot,
      changes: [PASSWORD_CHANGE],
      changedBy: actor.id,
      now,
    });
  });
}
