// The schema's types live in schema/ (one file per area, composed in schema/index.ts); this re-export keeps
// `../schema.js` imports working.
export * from './schema/index.js';
