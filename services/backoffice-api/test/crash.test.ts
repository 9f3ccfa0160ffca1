import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createTestDb, freePort, type TestDb } from '@brandi/db/testing';
import { createTokenService, TOKEN_ISSUER } from '@brandi/http';
import { testS3Env } from '@brandi/http/testing';
import { sweep } from '@brandi/storage';
import { captureLogger, startTestS3, type RunningS3 } from '@brandi/storage/testing';
import { SELLER_TOKEN_AUDIENCE } from '../src/plugins/auth.js';
import { TEST_JWT_SECRET } from './harness.js';
import { jpegFiles, multipart, productJson, referencedKeys } from './products.fixtures.js';
import { createSeller } from './sellers.fixtures.js';

// A real back-office process, killed with SIGKILL while it registers products with images, then restarted:
// after one sweep, the bucket holds exactly the images of committed products and every image row has its object.

const serverEntry = fileURLToPath(new URL('../src/server.ts', import.meta.url));
// tsx as a loader inside one node process (its CLI would fork a child that SIGKILL of the parent misses).
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm')).href;

let testDb: TestDb;
let s3: RunningS3;
let child: ChildProcess | undefined;
const spawned: ChildProcess[] = [];

beforeAll(async () => {
  testDb = await createTestDb();
  s3 = await startTestS3();
});
afterAll(async () => {
  for (const proc of spawned) proc.kill('SIGKILL');
  await testDb.destroy();
  await s3.close();
});

async function startServer(port: number): Promise<ChildProcess> {
  const proc = spawn(process.execPath, ['--import', tsxLoader, '--conditions=@brandi/source', serverEntry], {
    // stderr stays attached so a crash on boot is visible; logs go to stdout and are dropped.
    stdio: ['ignore', process.env.CRASH_LOG_LEVEL ? 'inherit' : 'ignore', 'inherit'],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: testDb.url,
      ...testS3Env(s3),
      JWT_SECRET: TEST_JWT_SECRET,
      LOG_LEVEL: process.env.CRASH_LOG_LEVEL ?? 'silent',
      SWEEP_GRACE_SECONDS: '3600',
    },
  });
  spawned.push(proc);
  for (let i = 0; i < 120; i++) {
    const ready = await fetch(`http://127.0.0.1:${port}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return proc;
    await new Promise((r) => setTimeout(r, 250));
  }
  proc.kill('SIGKILL');
  throw new Error('the back office did not become ready');
}

test('SIGKILL mid-registration, restart, sweep: bucket == images of committed products', async () => {
  const sellerId = await createSeller(testDb.db, { attributeId: 1 });
  const tokens = createTokenService({ secret: TEST_JWT_SECRET, audience: SELLER_TOKEN_AUDIENCE, issuer: TOKEN_ISSUER, ttlSeconds: 600 });
  const { accessToken } = await tokens.sign({ sub: String(sellerId), role: 'seller' });
  const port = await freePort();
  child = await startServer(port);

  const body = await multipart({ product: productJson() }, jpegFiles(5));
  const register = () =>
    fetch(`http://127.0.0.1:${port}/products`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': body.contentType },
      body: body.payload,
    }).then(
      (r) => r.status,
      () => 'connection lost',
    );
  // Four clients register in a loop; once some products have committed and uploads are pending, kill -9.
  const outcomes: (number | string)[] = [];
  let killed = false;
  const client = async () => {
    while (!killed) outcomes.push(await register());
  };
  const clients = Array.from({ length: 4 }, client);
  let sawPending = false;
  for (let i = 0; i < 400 && !sawPending; i++) {
    await new Promise((r) => setTimeout(r, 10));
    const pending = await testDb.db.selectFrom('storage_objects').select('id').where('state', '=', 'pending').limit(1).execute();
    const committed = await testDb.db.selectFrom('products').select('id').limit(3).execute();
    sawPending = pending.length > 0 && committed.length >= 3;
  }
  killed = true;
  child.kill('SIGKILL');
  await Promise.all(clients);
  expect(sawPending).toBe(true);
  expect(outcomes).toContain('connection lost');
  expect(outcomes.filter((o) => typeof o === 'number' && o !== 201)).toEqual([]);

  child = await startServer(port);
  // The grace period has passed for the keys the dead process left pending.
  const later = new Date(Date.now() + 2 * 3600 * 1000);
  await sweep({ db: testDb.db, store: s3.store, logger: captureLogger() }, { graceSeconds: 3600, now: later });

  // Images and their thumbnails alike: a thumbnail the dead process left pending is swept like its image.
  const referenced = await referencedKeys(testDb.db);
  const inBucket = (await s3.listKeys()).sort();
  expect(referenced.length).toBeGreaterThan(0);
  expect(inBucket).toEqual(referenced);
  const products = await testDb.db.selectFrom('products').select('id').execute();
  expect(referenced.length).toBe(products.length * 5 * 2);

  const health = await fetch(`http://127.0.0.1:${port}/health/ready`);
  expect(health.status).toBe(200);
  child.kill('SIGTERM');
}, 180_000);
