import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';

export function isPortOpen(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function findBinary(names: string[]): string | undefined {
  const dirs = ['/usr/sbin', '/usr/bin', '/usr/local/sbin', '/usr/local/bin', ...(process.env.PATH ?? '').split(':')];
  for (const name of names) for (const dir of dirs) if (dir && existsSync(join(dir, name))) return join(dir, name);
  return undefined;
}

export const NO_DATABASE_HELP = [
  'No MySQL/MariaDB server is reachable on 127.0.0.1:3306 and no mariadbd/mysqld binary was found to start one.',
  'Either install one:   sudo apt-get install -y mariadb-server   (then run this command again)',
  'or run everything in containers:   docker compose up --build',
  'or point DATABASE_URL at a server you have: DATABASE_URL=mysql://user:pass@host:3306/brandi',
].join('\n');

/**
 * Starts a private MariaDB/MySQL server with its data under `dataDir` (no password, loopback only).
 * Returns undefined when no server binary is installed.
 */
export async function startPrivateMariaDb(dataDir: string, port: number): Promise<{ stop(): void } | undefined> {
  const server = findBinary(['mariadbd', 'mysqld']);
  if (!server) return undefined;
  const datadir = join(dataDir, 'mysql');
  const user = userInfo().username;
  if (!existsSync(join(datadir, 'mysql'))) {
    mkdirSync(datadir, { recursive: true });
    const installer = findBinary(['mariadb-install-db', 'mysql_install_db']);
    if (!installer) return undefined;
    const init = spawnSync(
      installer,
      ['--no-defaults', `--datadir=${datadir}`, `--user=${user}`, '--auth-root-authentication-method=normal', '--skip-test-db'],
      {
        stdio: 'ignore',
      },
    );
    if (init.status !== 0) throw new Error(`${installer} failed to initialise ${datadir}`);
  }
  const child = spawn(
    server,
    [
      '--no-defaults',
      `--datadir=${datadir}`,
      `--port=${port}`,
      '--bind-address=127.0.0.1',
      `--socket=${join(dataDir, 'mysqld.sock')}`,
      `--pid-file=${join(dataDir, 'mysqld.pid')}`,
      `--user=${user}`,
      '--skip-grant-tables',
    ],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 60; i++) {
    if (await isPortOpen('127.0.0.1', port)) return { stop: () => child.kill('SIGTERM') };
    if (child.exitCode !== null) throw new Error(`${server} exited with code ${child.exitCode}; see ${datadir}/*.err`);
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill('SIGTERM');
  throw new Error(`${server} did not start listening on ${port} within 30 s`);
}
