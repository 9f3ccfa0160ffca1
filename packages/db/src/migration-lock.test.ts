import { sql } from 'kysely';
import { createDb, type Db } from './client.js';
import { ensureDatabase, migrateToLatest } from './migrate.js';
import { testDatabaseUrl } from './testing/index.js';

// Kysely's own MySQL migration lock is one name for the whole server: while any database migrated (a bench
// backfilling a million rows), every test database's setup waited on it until jest gave up, and the waiting
// pool kept the jest worker from exiting. The lock is per database now.

const lockOptions = { lockTable: 'kysely_migration_lock', lockRowId: 'migration_lock', lockTableSchema: undefined };
const opened: Db[] = [];
async function open(suffix: string): Promise<Db> {
  const url = testDatabaseUrl(suffix);
  await ensureDatabase(url);
  const db = createDb({ url, poolSize: 2 });
  opened.push(db);
  return db;
}
afterAll(() => Promise.all(opened.map((db) => db.destroy())));

/** Whether `work` settles within `ms` (it keeps running either way). */
async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([work.then(() => true), late]);
  } finally {
    clearTimeout(timer);
  }
}

test('a database migrating does not hold up another; its own second migrator waits for it', async () => {
  const busy = await open('lock_busy');
  const other = await open('lock_other');
  // Held as a migrator holds it: through the database's own dialect adapter, on one connection.
  const { adapter } = busy.getExecutor();
  await busy.connection().execute(async (conn) => {
    await adapter.acquireMigrationLock(conn, lockOptions);
    try {
      // Another database migrates at once.
      expect(await settlesWithin(migrateToLatest(other), 20_000)).toBe(true);
      // The same database does not: its lock is taken.
      const held = await sql<{ free: number }>`SELECT IS_FREE_LOCK(CONCAT('kysely_migration:', SHA1(DATABASE()))) AS free`.execute(busy);
      expect(Number(held.rows[0].free)).toBe(0);
      const sameDb = await open('lock_busy');
      const waiting = migrateToLatest(sameDb);
      expect(await settlesWithin(waiting, 1_000)).toBe(false);
      await adapter.releaseMigrationLock(conn, lockOptions);
      expect(await settlesWithin(waiting, 20_000)).toBe(true);
    } finally {
      await adapter.releaseMigrationLock(conn, lockOptions);
    }
  });
}, 60_000);
