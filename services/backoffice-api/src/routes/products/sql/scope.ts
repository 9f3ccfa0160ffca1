import { sql, type Database } from '@brandi/db';
import type { Kysely } from 'kysely';
import type { Actor } from '../../../types.js';

/**
 * Every product read starts here: a seller sees only its own rows, an admin all of them. Deleted products
 * are left out unless `includeDeleted` (history stays readable after a delete).
 */
export function scopedProducts(
  db: Kysely<Database>,
  actor: Actor,
  options: { includeDeleted?: boolean; forceIndex?: 'ix_products_seller_live' } = {},
) {
  // An index hint has to follow the alias (`products AS p FORCE INDEX (…)`), so the alias carries it.
  // (typed as the plain table: Kysely has no index hints, and the raw alias compiles to `products as p FORCE …`)
  const table = options.forceIndex
    ? (sql`products`.as(sql.raw(`p FORCE INDEX (${options.forceIndex})`)) as unknown as 'products as p')
    : 'products as p';
  let query = db.selectFrom(table);
  if (actor.role !== 'admin') query = query.where('p.seller_id', '=', actor.id);
  if (!options.includeDeleted) query = query.where('p.deleted_at', 'is', null);
  return query;
}
