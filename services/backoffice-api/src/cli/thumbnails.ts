// One-off: thumbnails for images stored before thumbnails existed. `pnpm storage:thumbnails [--batch 200]`.
// Prints running counts; exits 1 when some images failed (a re-run retries them), 2 when the environment is
// incomplete. Safe to run while the services serve traffic, and to interrupt and run again.
import { parseArgs } from 'node:util';
import { createDb } from '@brandi/db';
import { createObjectStore, StorageConfigError, storageConfigFromEnv } from '@brandi/storage';
import { pino } from 'pino';
import { backfillThumbnails } from '../thumbnails/backfill-thumbnails.js';

const { values: flags } = parseArgs({ options: { batch: { type: 'string', default: '200' } } });
const batchSize = Number(flags.batch);
const problems: string[] = [];
if (!Number.isSafeInteger(batchSize) || batchSize < 1) problems.push('--batch must be a positive integer');
const databaseUrl = process.env.DATABASE_URL?.trim() ?? '';
if (databaseUrl === '') problems.push('DATABASE_URL is required');
let storage: ReturnType<typeof storageConfigFromEnv> | undefined;
try {
  storage = storageConfigFromEnv(process.env);
} catch (err) {
  if (!(err instanceof StorageConfigError)) throw err;
  problems.push(...err.problems);
}
if (problems.length > 0 || storage === undefined) {
  console.error(`storage:thumbnails cannot start:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(2);
}

const logger = pino({ level: process.env.LOG_LEVEL ?? 'warn' }, pino.destination({ dest: 2, sync: true }));
const db = createDb({ url: databaseUrl, poolSize: 4 });
const store = createObjectStore(storage);
let exitCode = 0;
try {
  const result = await backfillThumbnails(
    { db, store, logger },
    {
      batchSize,
      onBatch: (r) => console.log(`scanned ${r.scanned}, created ${r.created}, skipped ${r.skipped}, failed ${r.failed.length}`),
    },
  );
  for (const failure of result.failed) console.error(`failed: image ${failure.imageId} (${failure.key}): ${failure.reason}`);
  console.log(
    `done: ${result.created} thumbnail(s) created, ${result.skipped} skipped, ${result.failed.length} failed, of ${result.scanned} image(s) without one`,
  );
  if (result.failed.length > 0) exitCode = 1;
} catch (err) {
  logger.error({ err }, 'thumbnail backfill failed');
  exitCode = 1;
} finally {
  store.destroy();
  await db.destroy();
}
process.exitCode = exitCode;
