import {
  Kysely,
  MysqlAdapter,
  MysqlDialect,
  MysqlDriver,
  sql,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type MigrationLockOptions,
} from 'kysely';
import { createPool, type Pool, type PoolConnection, type PoolOptions, type TypeCastField } from 'mysql2';
import { JsonColumnsPlugin } from './json-columns.plugin.js';
import { ReplicaFirstDriver, type ReplicaReadOptions } from './read-replica.js';
import type { Database } from './schema/index.js';

export interface DbConfig {
  /** `mysql://user:pass@host:port/db` */
  url: string;
  poolSize?: number;
  /** How long a query may wait for a free pooled connection before failing with POOL_ACQUIRE_TIMEOUT. */
  acquireTimeoutMs?: number;
  connectTimeoutMs?: number;
}

// MySQL 8's default sql_mode, set on every connection so MariaDB rejects what MySQL 8 would.
export const MYSQL8_SQL_MODE =
  'ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION';

const JSON_COLUMNS = ['snapshot', 'changes'];

// TINYINT(1) columns are booleans in the schema.
function typeCast(field: TypeCastField, next: () => unknown): unknown {
  if (field.type === 'TINY' && field.length === 1) {
    const value = field.string();
    return value === null ? null : value === '1';
  }
  return next();
}

export function createPoolOptions(config: DbConfig): PoolOptions {
  return {
    uri: config.url,
    connectionLimit: config.poolSize ?? 10,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    decimalNumbers: true,
    supportBigNumbers: true,
    connectTimeout: config.connectTimeoutMs ?? 5000,
    typeCast,
    enableKeepAlive: true,
  };
}

/**
 * A mysql2 pool whose getConnection gives up after `acquireTimeoutMs`, so an exhausted pool or a dead
 * server makes requests fail fast (and answer 503) instead of queueing forever.
 */
function withAcquireTimeout(pool: Pool, timeoutMs: number): Pool {
  const getConnection = pool.getConnection.bind(pool);
  pool.getConnection = ((callback: (err: NodeJS.ErrnoException | null, conn?: PoolConnection) => void) => {
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      const err: NodeJS.ErrnoException = new Error(`No database connection available within ${timeoutMs} ms`);
      err.code = 'POOL_ACQUIRE_TIMEOUT';
      callback(err);
    }, timeoutMs);
    getConnection((err, conn) => {
      if (settled) {
        conn?.release();
        return;
      }
      settled = true;
      clearTimeout(timer);
      callback(err, conn);
    });
  }) as Pool['getConnection'];
  return pool;
}

export function createMysqlPool(config: DbConfig): Pool {
  const pool = createPool(createPoolOptions(config));
  pool.on('connection', (conn) => {
    conn.query(`SET SESSION sql_mode = '${MYSQL8_SQL_MODE}', time_zone = '+00:00'`);
  });
  return withAcquireTimeout(pool, config.acquireTimeoutMs ?? 3000);
}

export type Db = Kysely<Database>;

/**
 * Kysely's MySQL migration lock is GET_LOCK on one constant name, and GET_LOCK is server-wide: a long
 * migration of one database (a 1M-row backfill) held every other database's migrations on that server.
 * The lock is named after the database instead (hashed: lock names are limited to 64 characters), so only
 * migrations of the same database wait for each other.
 */
class DatabaseScopedLockAdapter extends MysqlAdapter {
  override async acquireMigrationLock(db: Kysely<unknown>, _options: MigrationLockOptions): Promise<void> {
    await sql`SELECT GET_LOCK(CONCAT('kysely_migration:', SHA1(DATABASE())), 3600)`.execute(db);
  }

  override async releaseMigrationLock(db: Kysely<unknown>, _options: MigrationLockOptions): Promise<void> {
    await sql`SELECT RELEASE_LOCK(CONCAT('kysely_migration:', SHA1(DATABASE())))`.execute(db);
  }
}

class ScopedLockMysqlDialect extends MysqlDialect {
  override createAdapter(): DialectAdapter {
    return new DatabaseScopedLockAdapter();
  }
}

class ReplicaFirstDialect extends ScopedLockMysqlDialect {
  constructor(
    private readonly replicaPool: Pool,
    private readonly primaryPool: Pool,
    private readonly options: ReplicaReadOptions,
  ) {
    super({ pool: replicaPool });
  }

  override createDriver(): Driver {
    return new ReplicaFirstDriver(new MysqlDriver({ pool: this.replicaPool }), new MysqlDriver({ pool: this.primaryPool }), this.options);
  }
}

const dbOn = (dialect: Dialect): Db => new Kysely<Database>({ dialect, plugins: [new JsonColumnsPlugin(JSON_COLUMNS)] });

export function createDb(config: DbConfig): Db {
  return dbOn(new ScopedLockMysqlDialect({ pool: createMysqlPool(config) }));
}

export interface ReadWriteDbs {
  /** The primary: every write, every transaction, every read that must see the latest commit. */
  db: Db;
  /** Reads that may lag by the replica's delay: the replica, falling back to the primary (`db` itself without a replica). */
  readDb: Db;
  /**
   * `SELECT 1` on the replica's own pool, with no fallback to the primary (readDb would answer through the
   * primary when the replica is down); undefined without a replica. For the readiness report.
   */
  pingReplica?: () => Promise<void>;
  /** Closes both pools. */
  destroy(): Promise<void>;
}

/** The primary's Db and, when a replica is given, a Db reading from it (see ReplicaFirstDriver). */
export function createReadWriteDbs(primary: DbConfig, replica?: DbConfig, options: ReplicaReadOptions = {}): ReadWriteDbs {
  const primaryPool = createMysqlPool(primary);
  const db = dbOn(new ScopedLockMysqlDialect({ pool: primaryPool }));
  const replicaPool = replica ? createMysqlPool(replica) : undefined;
  const readDb = replicaPool ? dbOn(new ReplicaFirstDialect(replicaPool, primaryPool, options)) : db;
  return {
    db,
    readDb,
    pingReplica: replicaPool
      ? () => new Promise<void>((resolve, reject) => replicaPool.query('SELECT 1', (err) => (err ? reject(err) : resolve())))
      : undefined,
    async destroy() {
      if (readDb !== db) await readDb.destroy();
      await db.destroy();
    },
  };
}
