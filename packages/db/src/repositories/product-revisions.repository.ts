import type { Kysely, Transaction } from 'kysely';
import type { Database, RevisionAction } from '../schema/index.js';
import { diffProductSnapshots, loadProductSnapshot, type ProductSnapshot } from './product-snapshot.js';

export interface RecordRevisionInput {
  productId: number;
  changedBy: number;
  action: RevisionAction;
  /** The snapshot before the write (null on create); the after-snapshot is read inside `trx`. */
  before: ProductSnapshot | null;
  now: Date;
}

/**
 * Writes revision n+1 in the caller's transaction: valid from `now`, closing revision n at `now`.
 * The product row's `version` must already hold n+1 (the caller bumps it under its If-Match check).
 */
export async function recordProductRevision(trx: Transaction<Database>, input: RecordRevisionInput): Promise<ProductSnapshot> {
  const after = await loadProductSnapshot(trx, input.productId);
  if (!after) throw new Error(`product ${input.productId} vanished inside its own transaction`);
  // The version comes from the product row (the caller bumped it under its If-Match check). Only equality
  // lookups on unique keys are locked here: a range scan for "the latest revision" would take gap locks, and
  // two registrations inserting first revisions into the same gap deadlock.
  const { version } = await trx
    .selectFrom('products')
    .select('version')
    .where('id', '=', input.productId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const previous =
    version > 1
      ? await trx
          .selectFrom('product_revisions')
          .select('valid_from')
          .where('product_id', '=', input.productId)
          .where('version', '=', version - 1)
          .forUpdate()
          .executeTakeFirst()
      : undefined;
  // Line history must not go backwards even if this process's clock lags the previous writer's.
  const validFrom = previous && previous.valid_from > input.now ? previous.valid_from : input.now;
  if (previous) {
    await trx
      .updateTable('product_revisions')
      .set({ valid_to: validFrom })
      .where('product_id', '=', input.productId)
      .where('version', '=', version - 1)
      .execute();
  }
  await trx
    .insertInto('product_revisions')
    .values({
      product_id: input.productId,
      version,
      valid_from: validFrom,
      valid_to: null,
      changed_by: input.changedBy,
      action: input.action,
      snapshot: JSON.stringify(after),
      changes: JSON.stringify(diffProductSnapshots(input.before, after)),
    })
    .execute();
  return after;
}

/** The revision valid at `at`: valid_from <= at < valid_to (or still open). */
export function findRevisionValidAt(db: Kysely<Database> | Transaction<Database>, productId: number, at: Date) {
  return db
    .selectFrom('product_revisions')
    .selectAll()
    .where('product_id', '=', productId)
    .where('valid_from', '<=', at)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', at)]))
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}
