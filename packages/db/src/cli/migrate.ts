import { createDb } from '../client.js';
import { ensureDatabase, migrateDown, migrateToLatest, migrationStatus } from '../migrate.js';
import { requireDatabaseUrl } from './env.js';

const command = process.argv[2] ?? 'latest';
const url = requireDatabaseUrl();
if (command === 'latest') await ensureDatabase(url);
const db = createDb({ url, poolSize: 1 });
try {
  if (command === 'latest') {
    const { results = [] } = await migrateToLatest(db);
    for (const r of results) console.log(`migrated up: ${r.migrationName}`);
    if (results.length === 0) console.log('already at the latest migration');
  } else if (command === 'down') {
    const { results = [] } = await migrateDown(db);
    for (const r of results) console.log(`migrated down: ${r.migrationName}`);
    if (results.length === 0) console.log('nothing to migrate down');
  } else if (command === 'status') {
    for (const m of await migrationStatus(db)) {
      console.log(`${m.executedAt ? 'applied' : 'pending'}  ${m.name}${m.executedAt ? `  ${m.executedAt.toISOString()}` : ''}`);
    }
  } else {
    console.error(`unknown command "${command}" (use: latest | down | status)`);
    process.exitCode = 2;
  }
} catch (err) {
  console.error('migration failed:', err instanceof Error ? err.message : err);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
