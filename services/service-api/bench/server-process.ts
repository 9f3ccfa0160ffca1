import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The JWT secret bench servers sign with, so a bench can sign shopper tokens of its own. */
export const BENCH_JWT_SECRET = 'bench-secret-bench-secret-bench-secret';

export interface Server {
  base: string;
  stop(): Promise<void>;
}

export interface ServerOptions {
  databaseUrl: string;
  pool: string;
  /** The service-api's opt-in read cache; 0 (the default) leaves it off. */
  cacheTtlMs?: number;
}

/** Starts serve.ts in its own process (the real service-api or the raw baseline) and resolves once it listens. */
export function startServer(kind: 'service' | 'raw', options: ServerOptions): Promise<Server> {
  const args = [kind, options.databaseUrl, options.pool, String(options.cacheTtlMs ?? 0)];
  const child = fork(fileURLToPath(new URL('./serve.ts', import.meta.url)), args, { stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
    child.once('message', (message) => {
      const { port } = message as { port: number };
      resolve({
        base: `http://127.0.0.1:${port}`,
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
