export * from './status.js';
export * from './moves.js';
export * from './stock.js';
export * from './transition.js';
export * from './transition-needs.js';
export * from './advance.js';
export * from './testing/paid-order.js';
