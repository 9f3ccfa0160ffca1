// One command for local runs: a database (existing, or a private MariaDB under .data/), an in-process S3
// (s3rver under .data/s3) unless S3_ENDPOINT is set, migrations, demo data, and both APIs.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDb, ensureDatabase, migrateToLatest } from '@brandi/db';
import { createObjectStore, storageConfigFromEnv } from '@brandi/storage';
import { isPortOpen, startPrivateMariaDb } from '@brandi/db/testing';
import { startLocalS3 } from '@brandi/storage/testing';
import { pino } from 'pino';
import { devCorsOrigins } from '../dev-cors.js';
import { loadOrCreateDevSecrets } from '../dev-secrets.js';
import { DEMO_ADMIN_LOGIN, DEMO_PASSWORDS, seedDemo } from '../seed.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const dataDir = join(root, '.data');
mkdirSync(dataDir, { recursive: true });
const logger = pino({ level: 'info' });
const cleanups: (() => unknown)[] = [];

const NO_DATABASE_HELP = [
  'No MySQL/MariaDB server is reachable on 127.0.0.1:3306 and no mariadbd/mysqld binary was found to start one.',
  'Either install one:   sudo apt-get install -y mariadb-server   (then run this command again)',
  'or run everything in containers:   docker compose up --build',
  'or point DATABASE_URL at a server you have: DATABASE_URL=mysql://user:pass@host:3306/brandi',
].join('\n');

let databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  databaseUrl = 'mysql://root@127.0.0.1:3306/brandi';
  if (!(await isPortOpen('127.0.0.1', 3306))) {
    const server = await startPrivateMariaDb(dataDir, 3306);
    if (!server) {
      console.error(NO_DATABASE_HELP);
      process.exit(1);
    }
    cleanups.push(server.stop);
    console.log(`started a private MariaDB with its data in .data/mysql`);
  }
}
await ensureDatabase(databaseUrl);

const s3Env: Record<string, string> = {};
for (const name of [
  'S3_ENDPOINT',
  'S3_REGION',
  'S3_BUCKET',
  'S3_ACCESS_KEY_ID',
  'S3_SECRET_ACCESS_KEY',
  'S3_FORCE_PATH_STYLE',
  'S3_PUBLIC_URL',
]) {
  if (process.env[name]) s3Env[name] = process.env[name] as string;
}
if (!process.env.S3_ENDPOINT) {
  const s3 = await startLocalS3({ directory: join(dataDir, 's3'), port: 4569, bucket: 'brandi' });
  cleanups.push(() => s3.close());
  Object.assign(s3Env, {
    S3_ENDPOINT: s3.config.endpoint ?? '',
    S3_REGION: s3.config.region,
    S3_BUCKET: s3.config.bucket,
    S3_ACCESS_KEY_ID: s3.config.accessKeyId ?? '',
    S3_SECRET_ACCESS_KEY: s3.config.secretAccessKey ?? '',
    S3_FORCE_PATH_STYLE: 'true',
    S3_PUBLIC_URL: s3.config.publicUrl,
  });
  console.log(`in-process S3 (s3rver) at ${s3.config.endpoint}, objects in .data/s3`);
}

const db = createDb({ url: databaseUrl, poolSize: 4 });
await migrateToLatest(db);
const store = createObjectStore(storageConfigFromEnv(s3Env));
await store.ensureBucket();
const summary = await seedDemo({ db, store, logger });
await db.destroy();
console.log(`demo data: ${JSON.stringify(summary)}`);

const tsxCli = createRequire(join(root, 'package.json')).resolve('tsx/cli');
// Random per checkout, kept in .data/ (gitignored) so tokens survive a restart; never a published value.
const secrets = loadOrCreateDevSecrets(join(dataDir, 'dev-secrets.json'));
// Loopback only unless HOST says otherwise: the demo accounts' passwords are printed below and public.
const host = process.env.HOST ?? '127.0.0.1';
// So a browser app on a usual local dev server can call both APIs (README lists the origins).
const corsOrigins = devCorsOrigins(process.env);
const services = [
  { name: 'service-api', port: Number(process.env.SERVICE_API_PORT ?? 3000), secret: secrets.serviceApi },
  { name: 'backoffice-api', port: Number(process.env.BACKOFFICE_API_PORT ?? 3001), secret: secrets.backofficeApi },
];
const children: ChildProcess[] = services.map((s) =>
  spawn(process.execPath, [tsxCli, '--conditions=@brandi/source', join(root, 'services', s.name, 'src/server.ts')], {
    stdio: 'inherit',
    env: {
      ...process.env,
      ...s3Env,
      PORT: String(s.port),
      HOST: host,
      DATABASE_URL: databaseUrl,
      JWT_SECRET: s.secret,
      CORS_ORIGINS: corsOrigins,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    },
  }),
);

for (const s of services) {
  for (let i = 0; i < 120 && !(await isPortOpen('127.0.0.1', s.port, 200)); i++) await new Promise((r) => setTimeout(r, 250));
}
console.log(`
  shopper API:     http://127.0.0.1:${services[0].port}   (docs: http://127.0.0.1:${services[0].port}/docs)
  back-office API: http://127.0.0.1:${services[1].port}   (docs: http://127.0.0.1:${services[1].port}/docs)
  CORS origins:    ${corsOrigins || '(none: CORS_ORIGINS is empty)'}
  logins: admin ${DEMO_ADMIN_LOGIN} / ${DEMO_PASSWORDS.admin}; sellers lovelyday, glowlab, ... / ${DEMO_PASSWORDS.seller}; shoppers shopper01..10 / ${DEMO_PASSWORDS.shopper}
`);

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))));
  for (const cleanup of cleanups.reverse()) await cleanup();
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
for (const child of children) {
  child.once('exit', (code) => {
    if (stopping) return;
    console.error(`a service exited (code ${code}); stopping`);
    shutdown();
  });
}
