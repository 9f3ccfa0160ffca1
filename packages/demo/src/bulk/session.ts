import { type Db, sql } from '@brandi/db';

// What every bulk generator shares: the writer connection's type, a row count to resume from, and a server
// sized for a large load.

/** One pooled connection (`db.connection().execute`), as every bulk writer holds it. */
export type Conn = Parameters<Parameters<ReturnType<Db['connection']>['execute']>[0]>[0];

export const DAY = 24 * 3600 * 1000;

/** How many rows a table holds already: a bulk generator only adds what is missing. */
export async function countRows(db: Db | Conn, table: 'products' | 'sellers' | 'shoppers'): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const BENCH_SERVER_BYTES = 2 * 1024 ** 3;

/** Raises a dynamic InnoDB size to 2 GB when this account may; said out loud, since it changes the server. */
async function raiseServerSize(db: Db, variable: 'innodb_buffer_pool_size' | 'innodb_log_file_size'): Promise<void> {
  const { rows } = await sql<{ size: number }>`SELECT @@GLOBAL.${sql.raw(variable)} AS size`.execute(db);
  if (Number(rows[0].size) >= BENCH_SERVER_BYTES) return;
  try {
    await sql`SET GLOBAL ${sql.raw(variable)} = ${BENCH_SERVER_BYTES}`.execute(db);
    console.error(`raised ${variable} to ${BENCH_SERVER_BYTES / 1024 ** 3} GB for the bulk load`);
  } catch {
    console.error(`${variable} is small and could not be raised; the bulk load will be slower`);
  }
}

/**
 * MariaDB's default 128 MB buffer pool cannot hold a million products' indexes (inserts then crawl at disk
 * speed), and its 96 MB redo log forces page flushes all through the load: 212 s for 1M products here, 177 s
 * with 2 GB. Both resize at run time (the redo log on MariaDB ≥ 10.9; MySQL 8.0.30+ names it
 * innodb_redo_log_capacity, so there it stays as it is).
 */
export async function raiseInnoDbSizes(db: Db): Promise<void> {
  await raiseServerSize(db, 'innodb_buffer_pool_size');
  await raiseServerSize(db, 'innodb_log_file_size');
}
