import type { Kysely } from 'kysely';
import { runTimedRebuilds } from '../product-index/rebuild.js';
import type { Database } from '../schema/index.js';
import { rebuildOrderItemCounts } from './counts.js';
import { rebuildOrderItemNameIndex } from './name-index.js';

/** Every derived order-item table recomputed from the items (`pnpm db:rebuild-indexes`). Returns each part's seconds. */
export function rebuildOrderIndexes(db: Kysely<Database>): Promise<Record<string, number>> {
  return runTimedRebuilds(db, [
    ['order counts', rebuildOrderItemCounts],
    ['order name index', rebuildOrderItemNameIndex],
  ]);
}
