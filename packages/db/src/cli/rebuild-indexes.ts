import { createDb } from '../client.js';
import { rebuildOrderIndexes } from '../order-index/rebuild.js';
import { rebuildProductIndexes } from '../product-index/rebuild.js';
import { requireDatabaseUrl } from './env.js';

// pnpm db:rebuild-indexes [products] [orders]: an operator's repair after writes that skipped the triggers (any
// of the switches in src/product-index/switches.ts and src/order-index/switches.ts). Without an argument both
// families: the product counters, discounts and name index, then the order-item counters and name postings.
const FAMILIES = { products: rebuildProductIndexes, orders: rebuildOrderIndexes } as const;
const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !(name in FAMILIES));
if (unknown.length > 0) {
  console.error(`unknown index family: ${unknown.join(', ')} (products, orders)`);
  process.exit(2);
}
const db = createDb({ url: requireDatabaseUrl(), poolSize: 1 });
try {
  for (const [family, rebuild] of Object.entries(FAMILIES)) {
    if (asked.length > 0 && !asked.includes(family)) continue;
    const seconds = await rebuild(db);
    for (const [part, s] of Object.entries(seconds)) console.log(`${part} rebuilt in ${s.toFixed(1)} s`);
  }
} catch (err) {
  console.error('rebuild failed:', err instanceof Error ? err.message : err);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
