import type { Database } from '@brandi/db';
import type { Kysely } from 'kysely';

type Executor = Kysely<Database>;

/** Every version of a product, newest first, with who made each change. */
export function findProductRevisions(db: Executor, productId: number) {
  return db
    .selectFrom('product_revisions as r')
    .innerJoin('sellers as c', 'c.id', 'r.changed_by')
    .select([
      'r.version',
      'r.valid_from',
      'r.valid_to',
      'r.action',
      'r.changes',
      'c.id as changer_id',
      'c.name_ko as changer_name',
      'c.role as changer_role',
    ])
    .where('r.product_id', '=', productId)
    .orderBy('r.version', 'desc')
    .execute();
}

export function findProductRevision(db: Executor, productId: number, version: number) {
  return db
    .selectFrom('product_revisions')
    .select(['version', 'valid_from', 'snapshot'])
    .where('product_id', '=', productId)
    .where('version', '=', version)
    .executeTakeFirst();
}
