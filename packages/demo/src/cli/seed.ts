import { parseArgs } from 'node:util';
import { createDb, type Db, ensureDatabase, migrateToLatest } from '@brandi/db';
import { createObjectStore, storageConfigFromEnv } from '@brandi/storage';
import { pino } from 'pino';
import { seedBulk, seedOrdersBulk } from '../bulk/index.js';
import { DEMO_ADMIN_LOGIN, DEMO_PASSWORDS, seedDemo } from '../seed.js';

// Plain `db:seed` = the demo data (with uploaded images); `--products N [--orders M]` = benchmark data in bulk
// (M order items over every status, on top of the N products). Another bulk generator adds its option to
// parseArgs, a `countOption` line and a step in seedBulkData.
const { values } = parseArgs({
  options: { products: { type: 'string' }, orders: { type: 'string' }, 'no-images': { type: 'boolean' } },
});

function countOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (Number.isInteger(n) && n >= 1) return n;
  console.error(`--${name} must be a positive integer`);
  process.exit(2);
}
const products = countOption('products', values.products);
const orders = countOption('orders', values.orders);
if (orders !== undefined && products === undefined) {
  console.error('--orders is given with --products');
  process.exit(2);
}

async function seedBulkData(db: Db): Promise<void> {
  if (products !== undefined) {
    const store = values['no-images'] ? undefined : createObjectStore(storageConfigFromEnv(process.env));
    const result = await seedBulk(db, store, { products });
    const kept = products - result.productsCreated;
    console.log(
      `bulk data: ${result.productsCreated} products added in ${result.seconds.toFixed(1)} s${kept > 0 ? ` (${kept} were already there)` : ''}`,
    );
  }
  if (orders !== undefined) {
    const placed = await seedOrdersBulk(db, { items: orders });
    console.log(`bulk orders: ${placed.itemsCreated} order items added in ${placed.seconds.toFixed(1)} s (goal ${orders})`);
  }
}

async function seedDemoData(db: Db): Promise<void> {
  const store = createObjectStore(storageConfigFromEnv(process.env));
  const summary = await seedDemo({ db, store, logger: pino({ level: 'warn' }) });
  console.log(
    `created: ${summary.sellersCreated} sellers, ${summary.productsCreated} products, ${summary.shoppersCreated} shoppers, ${summary.questionsCreated} questions, ${summary.orders.ordersCreated} orders, ${summary.orders.reviewsCreated} reviews`,
  );
  console.log(
    `logins: admin ${DEMO_ADMIN_LOGIN} / ${DEMO_PASSWORDS.admin}; sellers lovelyday, glowlab, ... / ${DEMO_PASSWORDS.seller}; shoppers shopper01..10 / ${DEMO_PASSWORDS.shopper}`,
  );
}

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is not set (e.g. DATABASE_URL=mysql://root@127.0.0.1:3306/brandi).');
  process.exit(2);
}
await ensureDatabase(url);
const db = createDb({ url, poolSize: 4 });
try {
  await migrateToLatest(db);
  const bulk = products !== undefined;
  await (bulk ? seedBulkData(db) : seedDemoData(db));
} finally {
  await db.destroy();
}
