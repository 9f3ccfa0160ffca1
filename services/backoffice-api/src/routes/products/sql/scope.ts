import type { Database } from '@brandi/db';
import type { Kysely } from 'kysely';
import type { Actor } from '../../../types.js';

/**
 * Every product read starts here: a seller sees only its own rows, an admin all of them. Deleted products
 * are left out unless `includeDeleted` (history stays readable after a delete).
 */
export function scopedProducts(db: Kysely<Database>, actor: Actor, options: { includeDeleted?: boolean } = {}) {
  let query = db.selectFrom('products as p');
  if (actor.role !== 'admin') query = query.where('p.seller_id', '=', actor.id);
  if (!options.includeDeleted) query = query.where('p.deleted_at', 'is', null);
  return query;
}
