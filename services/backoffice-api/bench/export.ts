import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createDb, ensureDatabase, migrateToLatest } from '@brandi/db';
import { seedBenchData } from '../../service-api/bench/seed.js';
import type { ExportMeasurement } from './export-child.js';

// pnpm bench:export: 100k products in their own database (the service-api bench's seeder; reused once
// seeded), then the export of all of them measured in a fresh child process, so the peak RSS is the export's
// and not the seeding's.

const PRODUCTS = 100_000;
const TARGETS = { firstByteMs: 500, totalMs: 3000, peakRssMb: 200 };

function benchDatabaseUrl(): string {
  const url = new URL(process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306');
  url.pathname = '/brandi_bench_export';
  return url.toString();
}

async function seed(url: string): Promise<void> {
  await ensureDatabase(url);
  const db = createDb({ url, poolSize: 2 });
  try {
    await migrateToLatest(db);
    const started = Date.now();
    const count = await seedBenchData(db, PRODUCTS, (line) => console.log(line));
    console.log(`catalogue ready: ${count} products (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } finally {
    await db.destroy();
  }
}

function measureInChild(url: string): Promise<ExportMeasurement[]> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL('./export-child.ts', import.meta.url)), [], {
      env: { ...process.env, BENCH_EXPORT_DATABASE_URL: url },
    });
    let runs: ExportMeasurement[] | undefined;
    child.once('message', (message) => {
      runs = message as ExportMeasurement[];
    });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 && runs ? resolve(runs) : reject(new Error(`export child exited with ${code}`))));
  });
}

const verdict = (value: number, target: number) => `${value <= target ? 'ok' : 'OVER'}, target ≤ ${target}`;

const url = benchDatabaseUrl();
await seed(url);
const runs = await measureInChild(url);
for (const [i, run] of runs.entries()) {
  console.log(
    `export run ${i + 1}: ${run.rows} rows, ${(run.bytes / 1024 / 1024).toFixed(1)} MB xlsx | ` +
      `first byte ${run.firstByteMs} ms (${verdict(run.firstByteMs, TARGETS.firstByteMs)}) | ` +
      `total ${run.totalMs} ms (${verdict(run.totalMs, TARGETS.totalMs)}) | ` +
      `peak RSS ${run.peakRssMb} MB (${verdict(run.peakRssMb, TARGETS.peakRssMb)})`,
  );
}
