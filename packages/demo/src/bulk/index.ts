// Benchmark data in bulk. One generator per file; each reuses what the database holds and adds what is missing.
export { openBenchDatabase } from './bench-database.js';
export { BULK_IMAGE_KEYS } from './product-rows.js';
export { type BulkOptions, seedBulk } from './products.js';
export { seedOrdersBulk } from './orders.js';
