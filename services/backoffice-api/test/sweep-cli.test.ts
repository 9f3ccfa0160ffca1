import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { JOB_LOCKS, sql, type Db } from '@brandi/db';
import { createTestDb, holdJobLock, type TestDb } from '@brandi/db/testing';
import { markDoomed, markLive, recordPending } from '@brandi/storage';
import { readLedger, startTestS3, type RunningS3 } from '@brandi/storage/testing';
import { readSweepEnv } from '../src/cli/sweep-env.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const tsxCli = createRequire(`${root}package.json`).resolve('tsx/cli');
const script = fileURLToPath(new URL('../src/cli/sweep.ts', import.meta.url));

let t: TestDb;
let db: Db;
let s3: RunningS3;

beforeAll(async () => {
  t = await createTestDb();
  db = t.db;
  s3 = await startTestS3();
});
afterAll(async () => {
  await s3.close();
  await t.destroy();
});
beforeEach(async () => {
  await s3.store.deleteMany(await s3.listKeys());
  await sql`TRUNCATE TABLE storage_objects`.execute(db);
});

function runSweep(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [tsxCli, '--conditions=@brandi/source', script],
      {
        cwd: root,
        // The SDK's notice about Node 20 support would otherwise be all the test sees on stderr.
        env: { PATH: process.env.PATH ?? '', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
        timeout: 30_000,
      },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

function s3Env(bucket = s3.config.bucket): Record<string, string> {
  return {
    DATABASE_URL: t.url,
    S3_ENDPOINT: s3.config.endpoint ?? '',
    S3_REGION: s3.config.region,
    S3_BUCKET: bucket,
    S3_ACCESS_KEY_ID: s3.config.accessKeyId ?? '',
    S3_SECRET_ACCESS_KEY: s3.config.secretAccessKey ?? '',
    S3_FORCE_PATH_STYLE: 'true',
    S3_PUBLIC_URL: s3.config.publicUrl,
  };
}

async function doomedObject(key: string): Promise<void> {
  await recordPending(db, [key]);
  await s3.store.put(key, Buffer.from('jpeg'), 'image/jpeg');
  await db.transaction().execute(async (trx) => {
    await markLive(trx, [key]);
    await markDoomed(trx, [key]);
  });
}

test('prints each deleted key and a count', async () => {
  await doomedObject('products/1/cli-a.jpg');
  await doomedObject('products/1/cli-b.jpg');
  const run = await runSweep(s3Env());
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.stdout.trim().split('\n')).toEqual(['products/1/cli-a.jpg', 'products/1/cli-b.jpg', 'deleted 2 object(s)']);
  expect(await s3.listKeys()).toEqual([]);
}, 40_000);

test('waits while a back-office instance sweeps (the same lock), then sweeps what is left', async () => {
  await doomedObject('products/1/cli-wait.jpg');
  const instance = await holdJobLock(t.url, JOB_LOCKS.storageSweep);
  try {
    const run = runSweep(s3Env());
    // The CLI is started and blocked in GET_LOCK on this database.
    let blocked = false;
    for (let i = 0; i < 300 && !blocked; i++) {
      const waiting = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM information_schema.processlist
        WHERE db = DATABASE() AND info LIKE 'SELECT GET_LOCK(%'`.execute(db);
      blocked = Number(waiting.rows[0].n) > 0;
      if (!blocked) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(blocked).toBe(true);
    expect(await s3.listKeys()).toEqual(['products/1/cli-wait.jpg']);
    await instance.release();
    const done = await run;
    expect(done.code).toBe(0);
    expect(done.stdout.trim().split('\n')).toEqual(['products/1/cli-wait.jpg', 'deleted 1 object(s)']);
    expect(await s3.listKeys()).toEqual([]);
  } finally {
    await instance.crash().catch(() => undefined);
  }
}, 40_000);

test('exits 1 and names the keys when deletes fail', async () => {
  await doomedObject('products/1/cli-c.jpg');
  const run = await runSweep(s3Env('no-such-bucket'));
  expect(run.code).toBe(1);
  expect(run.stdout).toContain('deleted 0 object(s)');
  expect(run.stderr).toContain('failed: products/1/cli-c.jpg');
  expect(await readLedger(db)).toMatchObject([{ key: 'products/1/cli-c.jpg', state: 'doomed' }]);
}, 40_000);

test('exits 2 naming every missing variable', async () => {
  const run = await runSweep({});
  expect(run.code).toBe(2);
  for (const name of ['DATABASE_URL', 'S3_BUCKET', 'S3_PUBLIC_URL']) expect(run.stderr).toContain(name);
  // S3_REGION has the same default here as in the services (one reader, @brandi/storage's readS3Config).
  expect(run.stderr).not.toContain('S3_REGION');
}, 40_000);

test('readSweepEnv defaults the grace period and rejects bad values', () => {
  expect(readSweepEnv(s3Env()).graceSeconds).toBe(3600);
  expect(readSweepEnv({ ...s3Env(), SWEEP_GRACE_SECONDS: '0' }).graceSeconds).toBe(0);
  expect(() => readSweepEnv({ ...s3Env(), SWEEP_GRACE_SECONDS: '-5', S3_FORCE_PATH_STYLE: 'yes' })).toThrow(
    /SWEEP_GRACE_SECONDS.*S3_FORCE_PATH_STYLE|S3_FORCE_PATH_STYLE.*SWEEP_GRACE_SECONDS/,
  );
});
