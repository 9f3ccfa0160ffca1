export * from './images.js';
export * from './random.js';
export * from './seed.js';
export * from './bulk.js';
export * from './bench-admin.js';
export * from './orders-bulk.js';
