import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';

/** A loopback port nothing listens on right now (the OS picks it; free until someone binds it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

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

/** The installed server binary (`mariadbd`, else `mysqld`), or undefined. */
export const findServerBinary = () => findBinary(['mariadbd', 'mysqld']);

/**
 * Creates the system tables of a new server in `datadir` (root without a password, for 127.0.0.1 too).
 * False when no installer is found.
 */
export function initializeDataDir(datadir: string): boolean {
  const installer = findBinary(['mariadb-install-db', 'mysql_install_db']);
  if (!installer) return false;
  mkdirSync(datadir, { recursive: true });
  const init = spawnSync(
    installer,
    [
      '--no-defaults',
      `--datadir=${datadir}`,
      `--user=${userInfo().username}`,
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
    ],
    { stdio: 'ignore' },
  );
  if (init.status !== 0) throw new Error(`${installer} failed to initialise ${datadir}`);
  return true;
}

export interface PrivateServer {
  port: number;
  /** Sends SIGTERM and waits for the server to exit. */
  stop(): Promise<void>;
}

export interface PrivateServerOptions {
  /** Extra server options, e.g. `--server-id=2`. */
  args?: string[];
  /** Every account has every privilege (the dev runner's default). False keeps the grant tables. */
  skipGrantTables?: boolean;
}

/**
 * Starts a private MariaDB/MySQL server with its data under `dataDir` (`mysql/`, created on first use; no
 * password, loopback only). Returns undefined when no server binary is installed.
 */
export async function startPrivateMariaDb(
  dataDir: string,
  port: number,
  { args = [], skipGrantTables = true }: PrivateServerOptions = {},
): Promise<PrivateServer | undefined> {
  const server = findServerBinary();
  if (!server) return undefined;
  const datadir = join(dataDir, 'mysql');
  if (!existsSync(join(datadir, 'mysql')) && !initializeDataDir(datadir)) return undefined;
  const child = spawn(
    server,
    [
      '--no-defaults',
      `--datadir=${datadir}`,
      `--port=${port}`,
      '--bind-address=127.0.0.1',
      `--socket=${join(dataDir, 'mysqld.sock')}`,
      `--pid-file=${join(dataDir, 'mysqld.pid')}`,
      `--user=${userInfo().username}`,
      ...(skipGrantTables ? ['--skip-grant-tables'] : []),
      ...args,
    ],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 120; i++) {
    if (await isPortOpen('127.0.0.1', port)) return { port, stop: () => stopChild(child) };
    if (child.exitCode !== null) throw new Error(`${server} exited with code ${child.exitCode}; see ${datadir}/*.err`);
    await new Promise((r) => setTimeout(r, 250));
  }
  await stopChild(child);
  throw new Error(`${server} did not start listening on ${port} within 30 s`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
