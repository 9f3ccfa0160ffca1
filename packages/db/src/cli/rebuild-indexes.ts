import { createDb } from '../client.js';
import { rebuildNameIndexes, rebuildProductCounts } from '../repositories/product-counts.repository.js';
import { requireDatabaseUrl } from './env.js';

// pnpm db:rebuild-indexes: an operator's repair after writes that skipped the triggers (@skip_product_counts):
// the counters and summaries (rebuildProductCounts), then every index of product names (rebuildNameIndexes).
const db = createDb({ url: requireDatabaseUrl(), poolSize: 1 });
try {
  let started = performance.now();
  await rebuildProductCounts(db);
  console.log(`counters rebuilt in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  started = performance.now();
  await rebuildNameIndexes(db);
  console.log(`name indexes rebuilt in ${((performance.now() - started) / 1000).toFixed(1)} s`);
} catch (err) {
  console.error('rebuild failed:', err instanceof Error ? err.message : err);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
