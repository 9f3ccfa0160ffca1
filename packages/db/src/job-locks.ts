import { sql, type Kysely } from 'kysely';

/**
 * Every background job that must run on one instance at a time, by the name of its database lock. A job's
 * in-process schedule and its CLI take the same lock, so they never run at once either.
 */
export const JOB_LOCKS = {
  /** The upload ledger's sweeper (back office, `pnpm storage:sweep`). */
  storageSweep: 'storage-sweep',
  /** The purchase auto-confirmation (back office, `pnpm orders:auto-confirm`). */
  ordersAutoConfirm: 'orders-auto-confirm',
  /** The effective-price refresher (shopper API). */
  priceRefresh: 'price-refresh',
} as const;

export type JobLock = (typeof JOB_LOCKS)[keyof typeof JOB_LOCKS];

/**
 * GET_LOCK names are server-wide: the database's name goes into the lock's (hashed, names are limited to 64
 * characters), so two databases on one server (tests, a bench beside dev) never hold each other's jobs up.
 */
const lockName = (lock: JobLock) => sql<string>`CONCAT('brandi:', ${lock}, ':', LEFT(SHA1(DATABASE()), 24))`;

export type ExclusiveRun<T> = { ran: true; value: T } | { ran: false };

/**
 * Runs `fn` only if this process gets the job's lock (`GET_LOCK`, server-side, waiting at most `waitSeconds`;
 * 0 = not at all); otherwise does nothing and says so. The lock lives on one pooled connection held for the
 * whole run and released after it, failed or not; `fn` itself uses the pool, so a pool of one connection
 * cannot run it. A holder that dies (process crash, lost connection) loses the lock with its connection, and
 * the next instance to try takes over.
 */
export async function runExclusive<DB, T>(
  db: Kysely<DB>,
  lock: JobLock,
  fn: () => Promise<T>,
  options: { waitSeconds?: number } = {},
): Promise<ExclusiveRun<T>> {
  return db.connection().execute(async (conn) => {
    const { rows } = await sql<{ got: number | null }>`SELECT GET_LOCK(${lockName(lock)}, ${options.waitSeconds ?? 0}) AS got`.execute(
      conn,
    );
    if (Number(rows[0]?.got) !== 1) return { ran: false };
    const release = () => sql`DO RELEASE_LOCK(${lockName(lock)})`.execute(conn);
    let value: T;
    try {
      value = await fn();
    } catch (err) {
      // The run's own error is the one to report; a release that fails too means the connection (and the lock
      // with it) is gone.
      await release().catch(() => undefined);
      throw err;
    }
    await release();
    return { ran: true, value };
  });
}

/** The connection id holding the job's lock, or null when it is free. */
export async function jobLockHolder<DB>(db: Kysely<DB>, lock: JobLock): Promise<number | null> {
  const { rows } = await sql<{ holder: number | null }>`SELECT IS_USED_LOCK(${lockName(lock)}) AS holder`.execute(db);
  const holder = rows[0]?.holder;
  return holder === null || holder === undefined ? null : Number(holder);
}
