export * from './images.js';
export * from './random.js';
export * from './seed.js';
export * from './bulk/index.js';
export * from './bench-admin.js';
export * from './dev-cors.js';
