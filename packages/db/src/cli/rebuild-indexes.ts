import { createDb } from '../client.js';
import { rebuildProductIndexes } from '../product-index/rebuild.js';
import { requireDatabaseUrl } from './env.js';

// pnpm db:rebuild-indexes: an operator's repair after writes that skipped the triggers (any of the switches in
// src/product-index/switches.ts): the counters, the discounts, then the name index.
const db = createDb({ url: requireDatabaseUrl(), poolSize: 1 });
try {
  const seconds = await rebuildProductIndexes(db);
  for (const [part, s] of Object.entries(seconds)) console.log(`${part} rebuilt in ${s.toFixed(1)} s`);
} catch (err) {
  console.error('rebuild failed:', err instanceof Error ? err.message : err);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
