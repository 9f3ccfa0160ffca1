// The derived product tables (counters, discounts, name index), their rebuilds, switches, membership rule and
// the count strategies that read them. See README (Design notes: the product index).
export * from './bulk-index.js';
export * from './count-strategies.js';
export * from './counts.js';
export * from './discounts.js';
export * from './membership.js';
export * from './name-index.js';
export * from './name-search.js';
export * from './rebuild.js';
export * from './switches.js';
