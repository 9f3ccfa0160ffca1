import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort } from '@brandi/db/testing';

// The built back office (`node ... dist/server.js`, exactly as `pnpm --filter @brandi/backoffice-api start` runs it) in
// its own process, so its memory is the service's alone: no TypeScript loader, no seeding, no client.

const SERVICE_DIR = fileURLToPath(new URL('..', import.meta.url));
const REPO_DIR = fileURLToPath(new URL('../../..', import.meta.url));

export interface RunningServer {
  port: number;
  pid: number;
  /** The node arguments it runs with. */
  args: string[];
  stop(): Promise<void>;
}

/** `tsc -b` for this service: incremental, so a no-op when dist is current. */
export function buildService(): void {
  const result = spawnSync(`${REPO_DIR}node_modules/.bin/tsc`, ['-b', SERVICE_DIR], { stdio: 'inherit' });
  if (result.status !== 0) console.warn('tsc -b reported errors; measuring the emitted dist as it is');
}

async function waitUntilLive(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`backoffice-api exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health/live`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('backoffice-api did not come up within 20 s');
}

/** The node arguments of the service's `start` script (`node <flags> dist/server.js`), so we measure what it runs. */
function startArgs(): string[] {
  const pkg = JSON.parse(readFileSync(`${SERVICE_DIR}package.json`, 'utf8')) as { scripts: { start: string } };
  const [command, ...args] = pkg.scripts.start.trim().split(/\s+/);
  if (command !== 'node') throw new Error(`expected the start script to run node, got: ${pkg.scripts.start}`);
  return args;
}

// An object store nobody listens on: the export reads the database only, and image URLs are built, not fetched.
const BENCH_S3_ENV = {
  S3_ENDPOINT: 'http://127.0.0.1:9',
  S3_REGION: 'us-east-1',
  S3_BUCKET: 'bench',
  S3_ACCESS_KEY_ID: 'bench',
  S3_SECRET_ACCESS_KEY: 'bench',
  S3_FORCE_PATH_STYLE: 'true',
  S3_PUBLIC_URL: 'https://cdn.example.com/bench',
};

/** The built back office on a free port against `DATABASE_URL`, logging warnings only, with the bench's S3 settings. */
export async function startBuiltServer(env: { DATABASE_URL: string; JWT_SECRET: string }): Promise<RunningServer> {
  const port = await freePort();
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const args = startArgs();
  const child = spawn(process.execPath, [...profile, ...args], {
    cwd: SERVICE_DIR,
    env: { ...process.env, ...BENCH_S3_ENV, LOG_LEVEL: 'warn', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitUntilLive(port, child);
  return {
    port,
    pid: child.pid!,
    args,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
export function cpuSecondsOf(pid: number): number {
  // Fields after the command name: utime and stime are the 12th and 13th, in clock ticks (100 per second).
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Current and peak resident set size of a process in MB, from /proc (Linux). */
export function memoryOf(pid: number): { rssMb: number; peakRssMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakRssMb: Math.round(kb('VmHWM') / 1024) };
}
