import { sql } from 'kysely';
import { createDb, type Db } from '../client.js';
import { ensureDatabase, migrateToLatest } from '../migrate.js';

/** Server used by tests; each jest worker gets databases of its own on it. */
export function testServerUrl(): string {
  return process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306';
}

export function testDatabaseUrl(suffix = 'main'): string {
  const worker = process.env.JEST_WORKER_ID ?? '0';
  // TEST_DB_TAG keeps concurrent jest runs on one server (e.g. two checkouts) out of each other's databases.
  const tag = (process.env.TEST_DB_TAG ?? '').replace(/[^A-Za-z0-9_]/g, '');
  const url = new URL(testServerUrl());
  url.pathname = `/brandi_test_${tag ? `${tag}_` : ''}${suffix}_w${worker}`;
  return url.toString();
}

// Rows the migrations seed; everything else is wiped between test files.
const REFERENCE_TABLES = new Set([
  'seller_attributes',
  'main_categories',
  'first_categories',
  'second_categories',
  'question_types',
  'order_cancel_reasons',
  'order_refund_reasons',
  'carriers',
  'kysely_migration',
  'kysely_migration_lock',
]);

export async function truncateAll(db: Db): Promise<void> {
  const tables = await sql<{
    name: string;
  }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()`.execute(db);
  await db.connection().execute(async (conn) => {
    await sql`SET FOREIGN_KEY_CHECKS = 0`.execute(conn);
    try {
      for (const { name } of tables.rows) {
        if (!REFERENCE_TABLES.has(name)) await sql`TRUNCATE TABLE ${sql.table(name)}`.execute(conn);
      }
    } finally {
      await sql`SET FOREIGN_KEY_CHECKS = 1`.execute(conn);
    }
  });
}

export interface TestDb {
  db: Db;
  url: string;
  destroy(): Promise<void>;
}

/** This worker's test database at the latest migration, with every non-reference table empty. */
export async function createTestDb(options: { poolSize?: number } = {}): Promise<TestDb> {
  const url = testDatabaseUrl();
  await ensureDatabase(url);
  const db = createDb({ url, poolSize: options.poolSize ?? 5 });
  await migrateToLatest(db);
  await truncateAll(db);
  return { db, url, destroy: () => db.destroy() };
}
export * from './tcp-proxy.js';
export * from './local-mariadb.js';
export * from './replication.js';
export * from './fixtures.js';
export * from './job-locks.js';
export * from './explain.js';
