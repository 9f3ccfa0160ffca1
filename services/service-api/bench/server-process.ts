import { fork, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The JWT secret bench servers sign with, so a bench can sign shopper tokens of its own. */
export const BENCH_JWT_SECRET = 'bench-secret-bench-secret-bench-secret';

export interface Server {
  base: string;
  /** How the process was placed: `core 0` when pinned with taskset, else why it runs unpinned. */
  placement: string;
  stop(): Promise<void>;
}

export interface ServerOptions {
  databaseUrl: string;
  pool: string;
  /** The service-api's opt-in read cache; 0 (the default) leaves it off. */
  cacheTtlMs?: number;
  /** Set as the server's REDIS_URL (shared cache and rate limits across instances). */
  redisUrl?: string;
  /** Pins the server (every thread) to this CPU core with `taskset` when it exists. */
  core?: number;
}

/** Whether `taskset` (util-linux) can pin processes on this machine. */
export const TASKSET_AVAILABLE = spawnSync('taskset', ['--version']).status === 0;

function pin(pid: number, core: number | undefined): string {
  if (core === undefined) return 'unpinned';
  if (!TASKSET_AVAILABLE) return 'unpinned (no taskset)';
  // -a: every thread already running (libuv pool, V8 helpers); threads started later inherit the mask.
  const result = spawnSync('taskset', ['-a', '-p', '-c', String(core), String(pid)], { encoding: 'utf8' });
  return result.status === 0 ? `core ${core}` : `unpinned (taskset failed: ${result.stderr.trim()})`;
}

/** Starts serve.ts in its own process (the real service-api or the raw baseline) and resolves once it listens. */
export function startServer(kind: 'service' | 'raw', options: ServerOptions): Promise<Server> {
  const args = [kind, options.databaseUrl, options.pool, String(options.cacheTtlMs ?? 0)];
  const env = { ...process.env, REDIS_URL: options.redisUrl ?? '' };
  const child = fork(fileURLToPath(new URL('./serve.ts', import.meta.url)), args, { stdio: 'inherit', env });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
    child.once('message', (message) => {
      const { port } = message as { port: number };
      resolve({
        base: `http://127.0.0.1:${port}`,
        placement: pin(child.pid ?? 0, options.core),
        stop: () =>
          new Promise<void>((done) => {
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.send('stop');
          }),
      });
    });
  });
}
