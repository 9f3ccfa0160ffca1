// Jest suites a service runs against itself (they register tests, so they import @jest/globals and load only
// under jest; the harness in ./index.ts has no such import and also serves benches and scripts).
export * from './foundation.js';
export * from './password-login-suite.js';
