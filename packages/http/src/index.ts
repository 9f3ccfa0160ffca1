export * from './config.js';
export * from './env.js';
export * from './errors.js';
