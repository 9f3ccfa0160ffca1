import type { CompiledQuery, DatabaseConnection, Driver, MysqlDriver, QueryCompiler, QueryResult, TransactionSettings } from 'kysely';
import { isDbUnavailable } from './errors.js';

export interface ReplicaReadOptions {
  /** How long reads stay on the primary after the replica failed to answer, before it is tried again (ms). */
  retryReplicaAfterMs?: number;
  /** Told once each time the replica fails and reads move to the primary. */
  onReplicaDown?: (err: unknown) => void;
}

// What MysqlDriver hands out and takes back (its class is not exported).
type MysqlConnection = Parameters<MysqlDriver['releaseConnection']>[0];

interface Bound {
  driver: MysqlDriver;
  conn: MysqlConnection;
}

/**
 * Kysely acquires a connection per query (or per transaction); this one is bound to a real connection on its
 * first query: the replica's, unless a transaction was begun on it or the replica is unreachable.
 */
class ReadConnection implements DatabaseConnection {
  #bound?: Bound;
  #primaryOnly = false;
  #queries = 0;

  constructor(private readonly driver: ReplicaFirstDriver) {}

  /** A transaction reads what it may write from: it runs on the primary. */
  requirePrimary(): void {
    if (this.#bound) throw new Error('a transaction must begin before the first query on its connection');
    this.#primaryOnly = true;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const bound = await this.#bind();
    if (this.#queries++ > 0 || bound.driver === this.driver.primary) return bound.conn.executeQuery<R>(query);
    try {
      return await bound.conn.executeQuery<R>(query);
    } catch (err) {
      // The replica went away under a pooled connection. Nothing ran on this connection before, so the read
      // can move to the primary without losing session state.
      if (!isDbUnavailable(err)) throw err;
      this.driver.replicaFailed(err);
      await this.release();
      this.#bound = await this.driver.connect(true);
      return this.#bound.conn.executeQuery<R>(query);
    }
  }

  async *streamQuery<R>(query: CompiledQuery, chunkSize: number): AsyncIterableIterator<QueryResult<R>> {
    const bound = await this.#bind();
    this.#queries++;
    yield* bound.conn.streamQuery<R>(query, chunkSize);
  }

  async release(): Promise<void> {
    const bound = this.#bound;
    this.#bound = undefined;
    if (bound) await bound.driver.releaseConnection(bound.conn);
  }

  async #bind(): Promise<Bound> {
    this.#bound ??= await this.driver.connect(this.#primaryOnly);
    return this.#bound;
  }
}

/**
 * Reads from the replica; a read the replica cannot serve (no connection, or the connection died before its
 * first answer) runs on the primary instead, and the replica is left alone for `retryReplicaAfterMs`, so a
 * replica outage costs the primary some load, never an error. Transactions run on the primary.
 */
export class ReplicaFirstDriver implements Driver {
  #replicaDownUntil = 0;
  readonly #retryAfterMs: number;

  constructor(
    readonly replica: MysqlDriver,
    readonly primary: MysqlDriver,
    private readonly options: ReplicaReadOptions = {},
  ) {
    this.#retryAfterMs = options.retryReplicaAfterMs ?? 5000;
  }

  async init(): Promise<void> {
    await Promise.all([this.replica.init(), this.primary.init()]);
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new ReadConnection(this);
  }

  async connect(primaryOnly: boolean): Promise<Bound> {
    if (!primaryOnly && Date.now() >= this.#replicaDownUntil) {
      try {
        return { driver: this.replica, conn: (await this.replica.acquireConnection()) as MysqlConnection };
      } catch (err) {
        if (!isDbUnavailable(err)) throw err;
        this.replicaFailed(err);
      }
    }
    return { driver: this.primary, conn: (await this.primary.acquireConnection()) as MysqlConnection };
  }

  replicaFailed(err: unknown): void {
    if (Date.now() >= this.#replicaDownUntil) this.options.onReplicaDown?.(err);
    this.#replicaDownUntil = Date.now() + this.#retryAfterMs;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    (connection as ReadConnection).requirePrimary();
    await this.primary.beginTransaction(connection, settings);
  }

  commitTransaction = (connection: DatabaseConnection) => this.primary.commitTransaction(connection);
  rollbackTransaction = (connection: DatabaseConnection) => this.primary.rollbackTransaction(connection);
  savepoint = (connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) =>
    this.primary.savepoint(connection, name, compile);
  rollbackToSavepoint = (connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) =>
    this.primary.rollbackToSavepoint(connection, name, compile);
  releaseSavepoint = (connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) =>
    this.primary.releaseSavepoint(connection, name, compile);

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    await (connection as ReadConnection).release();
  }

  /** Closes the replica's pool; the primary's belongs to the primary's Db. */
  async destroy(): Promise<void> {
    await this.replica.destroy();
  }
}
