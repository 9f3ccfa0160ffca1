export * from './status.js';
export * from './moves.js';
export * from './pricing.js';
export * from './stock.js';
export * from './order-numbers.js';
export * from './payment.js';
