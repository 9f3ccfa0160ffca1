// The derived order-item tables (per-seller status counters, name postings), their rebuilds and switches.
export * from './counts.js';
export * from './name-index.js';
export * from './rebuild.js';
export * from './switches.js';
