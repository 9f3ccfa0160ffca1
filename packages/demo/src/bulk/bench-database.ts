import { createDb, ensureDatabase, migrateToLatest } from '@brandi/db';
import { seedBulk } from './products.js';

/**
 * A benchmark's database: created if missing, migrated, and filled with `products` products (seedBulk reuses
 * what is there). Returns the pool and what was added; the caller closes the pool.
 */
export async function openBenchDatabase(url: string, options: { products: number; poolSize: number }) {
  await ensureDatabase(url);
  const db = createDb({ url, poolSize: options.poolSize });
  await migrateToLatest(db);
  const seeded = await seedBulk(db, undefined, { products: options.products });
  return { db, seeded };
}
