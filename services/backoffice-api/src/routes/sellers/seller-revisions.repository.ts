import type { Database, FieldChange } from '@brandi/db';
import type { Kysely } from 'kysely';
import { baselineChanges, type SellerSnapshot } from './seller-fields.js';

type Executor = Kysely<Database>;

export interface SellerChange {
  sellerId: number;
  /** When the seller row was created: the baseline version's start if the seller has no history yet. */
  registeredAt: Date;
  before: SellerSnapshot;
  after: SellerSnapshot;
  changes: FieldChange[];
  changedBy: number;
  now: Date;
}

/**
 * Writes the next seller revision in the caller's transaction (which holds the seller row lock), closing the
 * previous one at the same instant. A seller without history (seeded, or signed up before history existed)
 * first gets version 1: the profile as it was, valid from registration, changed by the seller itself.
 *
 * The seller row lock already serializes writers of one seller's history, so the latest revision is found
 * with a plain read (the caller takes that lock before any plain read, so its read view sees every committed
 * revision), and the only lock taken is on that existing row (unique-key equality). A locking
 * "latest revision" scan took a gap lock, and sellers without history share one gap of the index: concurrent
 * PATCHes of different sellers each held it and inserted into it, and deadlocked (as product revisions did,
 * see recordProductRevision). The version is read from history, not from `sellers.version`, which other
 * writes may bump without recording a revision.
 */
export async function recordSellerRevision(trx: Executor, change: SellerChange): Promise<number> {
  const latest = await trx
    .selectFrom('seller_revisions')
    .select('version')
    .where('seller_id', '=', change.sellerId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  const last = latest
    ? await trx
        .selectFrom('seller_revisions')
        .select(['version', 'valid_from'])
        .where('seller_id', '=', change.sellerId)
        .where('version', '=', latest.version)
        .forUpdate()
        .executeTakeFirstOrThrow()
    : undefined;
  // Line history must not go backwards even if this clock lags the previous writer's.
  const validFrom = last && last.valid_from > change.now ? last.valid_from : change.now;
  if (last) {
    await trx
      .updateTable('seller_revisions')
      .set({ valid_to: validFrom })
      .where('seller_id', '=', change.sellerId)
      .where('version', '=', last.version)
      .execute();
  } else {
    await trx
      .insertInto('seller_revisions')
      .values({
        seller_id: change.sellerId,
        version: 1,
        // biome-ignore lint/complexity/useMathMinMax: Dates (Math.min would turn them into numbers)
        valid_from: change.registeredAt < validFrom ? change.registeredAt : validFrom,
        valid_to: validFrom,
        changed_by: change.sellerId,
        changes: JSON.stringify(baselineChanges(change.before)),
        snapshot: JSON.stringify(change.before),
      })
      .execute();
  }
  const version = (last?.version ?? 1) + 1;
  await trx
    .insertInto('seller_revisions')
    .values({
      seller_id: change.sellerId,
      version,
      valid_from: validFrom,
      valid_to: null,
      changed_by: change.changedBy,
      changes: JSON.stringify(change.changes),
      snapshot: JSON.stringify(change.after),
    })
    .execute();
  return version;
}

/** Every version of a seller, newest first, with who made each change. */
export function findSellerRevisions(db: Executor, sellerId: number) {
  return db
    .selectFrom('seller_revisions as r')
    .leftJoin('sellers as c', 'c.id', 'r.changed_by')
    .select([
      'r.version',
      'r.valid_from',
      'r.valid_to',
      'r.changes',
      'c.id as changer_id',
      'c.name_ko as changer_name',
      'c.role as changer_role',
    ])
    .where('r.seller_id', '=', sellerId)
    .orderBy('r.version', 'desc')
    .execute();
}
