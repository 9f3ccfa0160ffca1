export * from './app.js';
export * from './auth.js';
export * from './config.js';
export * from './env.js';
export * from './errors.js';
export * from './health.js';
export * from './pagination.js';
export { compileValidator, toErrorDetails } from './validation.js';
export type { UnavailablePredicate } from './error-handler.js';
