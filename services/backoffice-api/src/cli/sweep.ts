// One sweep of the upload ledger: `pnpm storage:sweep`. Prints each deleted key and a count; exits 1 when
// some deletes failed (they stay in the ledger for the next run), 2 when the environment is incomplete. Takes
// the back office's `storage-sweep` lock, so it never sweeps beside an instance's sweep (it waits for it).
import { createDb, JOB_LOCKS } from '@brandi/db';
import { createObjectStore, StorageConfigError, sweep } from '@brandi/storage';
import { pino } from 'pino';
import { runCliJob } from './job-lock.js';
import { readSweepEnv, type SweepEnv } from './sweep-env.js';

let env: SweepEnv;
try {
  env = readSweepEnv(process.env);
} catch (err) {
  if (!(err instanceof StorageConfigError)) throw err;
  console.error(`storage:sweep cannot start:\n${err.problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(2);
}

const logger = pino({ level: process.env.LOG_LEVEL ?? 'warn' }, pino.destination({ dest: 2, sync: true }));
const db = createDb({ url: env.databaseUrl, poolSize: 2 });
const store = createObjectStore(env.storage);
let exitCode = 0;
try {
  const result = await runCliJob(db, JOB_LOCKS.storageSweep, () => sweep({ db, store, logger }, { graceSeconds: env.graceSeconds }));
  if (result) {
    for (const key of result.deleted) console.log(key);
    console.log(`deleted ${result.deleted.length} object(s)`);
  }
  if (result && result.failed.length > 0) {
    for (const key of result.failed) console.error(`failed: ${key}`);
    console.error(`${result.failed.length} object(s) could not be deleted; they stay in the ledger for the next sweep`);
    exitCode = 1;
  }
} catch (err) {
  logger.error({ err }, 'sweep failed');
  exitCode = 1;
} finally {
  store.destroy();
  await db.destroy();
}
process.exitCode = exitCode;
