import type { Kysely } from 'kysely';
import type { Database } from '../schema/index.js';
import { rebuildProductCounts } from './counts.js';
import { rebuildProductDiscounts } from './discounts.js';
import { rebuildProductNameIndex } from './name-index.js';

export type RebuildPart = [name: string, rebuild: (db: Kysely<Database>) => Promise<void>];

/** Runs each rebuild in turn; returns each part's seconds. */
export async function runTimedRebuilds(db: Kysely<Database>, parts: RebuildPart[]): Promise<Record<string, number>> {
  const seconds: Record<string, number> = {};
  for (const [name, rebuild] of parts) {
    const started = performance.now();
    await rebuild(db);
    seconds[name] = (performance.now() - started) / 1000;
  }
  return seconds;
}

/**
 * Every derived product table recomputed from the source rows (`pnpm db:rebuild-indexes`, an operator's repair
 * after writes that skipped the triggers): counters, discounts, then the name index unless `names` is false
 * (~1 min at 1M products; the bulk loader writes it batch by batch itself). Returns each part's seconds.
 */
export function rebuildProductIndexes(db: Kysely<Database>, options: { names?: boolean } = {}): Promise<Record<string, number>> {
  const parts: RebuildPart[] = [
    ['counts', rebuildProductCounts],
    ['discounts', rebuildProductDiscounts],
  ];
  if (options.names !== false) parts.push(['name index', rebuildProductNameIndex]);
  return runTimedRebuilds(db, parts);
}
