import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { createDb, type Db } from '../client.js';
import { ensureDatabase, migrateToLatest } from '../migrate.js';
import { findServerBinary, freePort, initializeDataDir, startPrivateMariaDb, type PrivateServer } from './local-mariadb.js';

/** A private primary and replica `mariadbd` pair with GTID replication, the schema migrated on the primary. */
export interface ReplicatedPair {
  /** The application's account on the primary (no SUPER: it cannot write past `read_only`). */
  primaryUrl: string;
  /** The same account on the replica, which runs with `read_only=1`. */
  replicaUrl: string;
  /** Root on the primary's and the replica's database, for checks behind the application's back. */
  primaryRoot: Db;
  replicaRoot: Db;
  /** Stops applying the primary's changes on the replica (replication lag on purpose). */
  pauseReplication(): Promise<void>;
  /** Applies what was held back again and waits until the replica has caught up. */
  resumeReplication(): Promise<void>;
  /** Waits until the replica has applied every transaction the primary has committed so far. */
  waitForReplica(): Promise<void>;
  stop(): Promise<void>;
}

const DATABASE = 'brandi';
const APP_USER = 'brandi_app';
// Throwaway servers: durability is not worth an fsync per commit here.
const FAST_ARGS = ['--innodb-flush-log-at-trx-commit=0', '--innodb-doublewrite=0', '--skip-name-resolve', '--innodb-log-file-size=8M'];

/** An initialised data directory for this server version, made once per machine and copied per server. */
function templateDataDir(server: string): string {
  const version = /Ver\s+(\S+)/.exec(spawnSync(server, ['--version'], { encoding: 'utf8' }).stdout)?.[1] ?? 'unknown';
  const template = join(tmpdir(), `brandi-mariadb-template-${version.replace(/[^A-Za-z0-9.-]/g, '_')}`);
  if (existsSync(join(template, 'mysql'))) return template;
  const building = mkdtempSync(`${template}.building-`);
  if (!initializeDataDir(building)) throw new Error('mariadb-install-db (or mysql_install_db) is not installed');
  try {
    renameSync(building, template);
  } catch {
    rmSync(building, { recursive: true, force: true }); // another process made it first
  }
  return template;
}

const mysqlUrl = (user: string, port: number, database = '') => `mysql://${user}@127.0.0.1:${port}/${database}`;

/**
 * Starts a primary (binary log) and a replica (`read_only`, replicating by GTID) of the installed `mariadbd`
 * on free loopback ports with data under a new temp directory, migrates the schema on the primary and waits
 * for the replica to apply it. Fails with a clear message when no server binary is installed.
 */
export async function startReplicatedPair(): Promise<ReplicatedPair> {
  const server = findServerBinary();
  if (!server) throw new Error('The replication tests start their own mariadbd pair, and no mariadbd/mysqld binary was found');
  const template = templateDataDir(server);
  const root = mkdtempSync(join(tmpdir(), 'brandi-replication-'));
  const servers: PrivateServer[] = [];
  const roots: Db[] = [];
  const stop = async () => {
    await Promise.all(roots.map((db) => db.destroy()));
    await Promise.all(servers.map((s) => s.stop()));
    rmSync(root, { recursive: true, force: true });
  };
  try {
    const [primaryPort, replicaPort] = [await freePort(), await freePort()];
    const start = async (name: string, port: number, args: string[]) => {
      cpSync(template, join(root, name, 'mysql'), { recursive: true });
      const started = await startPrivateMariaDb(join(root, name), port, { skipGrantTables: false, args: [...FAST_ARGS, ...args] });
      if (!started) throw new Error(`${server} could not be started`);
      servers.push(started);
    };
    await Promise.all([
      start('primary', primaryPort, ['--server-id=1', '--log-bin=primary-bin', '--binlog-format=ROW']),
      start('replica', replicaPort, ['--server-id=2', '--read-only=1', '--skip-slave-start', '--relay-log=replica-relay']),
    ]);
    const primaryServer = createDb({ url: mysqlUrl('root', primaryPort), poolSize: 1 });
    const replicaServer = createDb({ url: mysqlUrl('root', replicaPort), poolSize: 1 });
    roots.push(primaryServer, replicaServer);
    await sql`CHANGE MASTER TO MASTER_HOST = '127.0.0.1', MASTER_PORT = ${sql.raw(String(primaryPort))}, MASTER_USER = 'root',
      MASTER_PASSWORD = '', MASTER_CONNECT_RETRY = 1, MASTER_USE_GTID = slave_pos`.execute(replicaServer);
    await sql`START SLAVE`.execute(replicaServer);

    // Created on the primary after replication started, so the replica gets the database and account too.
    await ensureDatabase(mysqlUrl('root', primaryPort, DATABASE));
    await sql`CREATE USER ${sql.lit(APP_USER)}@'127.0.0.1'`.execute(primaryServer);
    await sql`GRANT ALL PRIVILEGES ON ${sql.id(DATABASE)}.* TO ${sql.lit(APP_USER)}@'127.0.0.1'`.execute(primaryServer);
    const migrator = createDb({ url: mysqlUrl('root', primaryPort, DATABASE), poolSize: 1 });
    try {
      await migrateToLatest(migrator);
    } finally {
      await migrator.destroy();
    }

    const waitForReplica = async () => {
      const { rows } = await sql<{ pos: string }>`SELECT @@gtid_binlog_pos AS pos`.execute(primaryServer);
      const waited = await sql<{ r: number }>`SELECT MASTER_GTID_WAIT(${rows[0].pos}, 30) AS r`.execute(replicaServer);
      if (Number(waited.rows[0].r) !== 0) throw new Error(`the replica did not reach ${rows[0].pos} within 30 s`);
    };
    await waitForReplica();
    const primaryRoot = createDb({ url: mysqlUrl('root', primaryPort, DATABASE), poolSize: 2 });
    const replicaRoot = createDb({ url: mysqlUrl('root', replicaPort, DATABASE), poolSize: 2 });
    roots.push(primaryRoot, replicaRoot);
    return {
      primaryUrl: mysqlUrl(APP_USER, primaryPort, DATABASE),
      replicaUrl: mysqlUrl(APP_USER, replicaPort, DATABASE),
      primaryRoot,
      replicaRoot,
      pauseReplication: async () => {
        await sql`STOP SLAVE SQL_THREAD`.execute(replicaServer);
      },
      resumeReplication: async () => {
        await sql`START SLAVE SQL_THREAD`.execute(replicaServer);
        await waitForReplica();
      },
      waitForReplica,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
