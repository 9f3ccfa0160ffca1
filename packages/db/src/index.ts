export * from './schema.js';
export * from './client.js';
export * from './errors.js';
export * from './migrate.js';
export * from './pricing.js';
export { sql } from 'kysely';
export * from './passwords.js';
export * from './repositories/product-snapshot.js';
export * from './repositories/product-revisions.repository.js';
