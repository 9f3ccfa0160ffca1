import { Writable } from 'node:stream';

export interface LogCapture {
  /** Pass as `createHttpApp({ logger })`. */
  stream: Writable;
  /** Every line written so far, parsed. */
  lines(): Array<Record<string, unknown>>;
  /** The raw text written so far, for "never contains" assertions. */
  text(): string;
}

/** Collects an app's JSON log lines in memory so tests can assert on them. */
export function createLogCapture(): LogCapture {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  });
  const text = () => chunks.join('');
  return {
    stream,
    text,
    lines: () =>
      text()
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
export * from './empty-query.js';
export * from './fuzz.js';
export * from './harness.js';
export { documentedRoutes, openApiGaps, resolveRef, type OpenApiDocument } from './openapi.js';
export * from './redis.js';
