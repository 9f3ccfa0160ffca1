import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDb, type Db } from '@brandi/db';
import { createObjectStore } from '@brandi/storage';
import { buildApp } from '../src/app.js';
import { loadBackofficeApiConfig } from '../src/config.js';

// Forked by export.ts: serves the back office on a free port and downloads GET /products/export twice (cold,
// then warm) as an admin, reporting time to first byte, total time and this process's peak RSS.

export interface ExportMeasurement {
  rows: number;
  bytes: number;
  firstByteMs: number;
  totalMs: number;
  peakRssMb: number;
}

const ADMIN_LOGIN = 'bench_export_admin';

async function ensureAdmin(db: Db): Promise<number> {
  const existing = await db.selectFrom('sellers').select('id').where('login_id', '=', ADMIN_LOGIN).executeTakeFirst();
  if (existing) return existing.id;
  const result = await db
    .insertInto('sellers')
    .values({ login_id: ADMIN_LOGIN, password_hash: 'x', role: 'admin', status: 'active', attribute_id: null, name_ko: '벤치관리자', name_en: 'Bench Export Admin' })
    .executeTakeFirstOrThrow();
  return Number(result.insertId);
}

function download(port: number, token: string, rows: number): Promise<ExportMeasurement> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let firstByteMs = -1;
    let bytes = 0;
    const req = http.get({ host: '127.0.0.1', port, path: '/products/export', headers: { authorization: `Bearer ${token}` } }, (res) => {
      if (res.statusCode !== 200) reject(new Error(`export answered ${res.statusCode}`));
      res.on('data', (chunk: Buffer) => {
        if (firstByteMs < 0) firstByteMs = Math.round(performance.now() - started);
        bytes += chunk.length;
      });
      res.on('end', () =>
        resolve({
          rows,
          bytes,
          firstByteMs,
          totalMs: Math.round(performance.now() - started),
          // maxRSS is in kilobytes on Linux and macOS.
          peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

const url = process.env.BENCH_EXPORT_DATABASE_URL;
if (!url || !process.send) throw new Error('export-child.ts is forked by bench/export.ts');
const config = loadBackofficeApiConfig({
  PORT: '3001',
  DATABASE_URL: url,
  S3_ENDPOINT: 'http://127.0.0.1:9',
  S3_REGION: 'us-east-1',
  S3_BUCKET: 'bench',
  S3_ACCESS_KEY_ID: 'bench',
  S3_SECRET_ACCESS_KEY: 'bench',
  S3_FORCE_PATH_STYLE: 'true',
  S3_PUBLIC_URL: 'https://cdn.example.com/bench',
  JWT_SECRET: 'bench-export-secret-0123456789abcdefghij',
  LOG_LEVEL: 'warn',
});
const db = createDb({ url, poolSize: 4 });
const admin = await ensureAdmin(db);
const { rows } = await db
  .selectFrom('products')
  .select((eb) => eb.fn.countAll<number>().as('rows'))
  .where('deleted_at', 'is', null)
  .executeTakeFirstOrThrow();
const app = await buildApp({ config, db, store: createObjectStore(config.storage) });
await app.listen({ port: 0, host: '127.0.0.1' });
const { port } = app.server.address() as AddressInfo;
const { accessToken } = await app.tokens.sign({ sub: String(admin), role: 'admin' });
const runs = [await download(port, accessToken, Number(rows)), await download(port, accessToken, Number(rows))];
await app.close();
await db.destroy();
process.send(runs);
process.disconnect();
