import { parseArgs } from 'node:util';
import { createDb, ensureDatabase, migrateToLatest } from '@brandi/db';
import { createObjectStore, storageConfigFromEnv } from '@brandi/storage';
import { pino } from 'pino';
import { seedBulk } from '../bulk.js';
import { seedOrdersBulk } from '../orders-bulk.js';
import { DEMO_ADMIN_LOGIN, DEMO_PASSWORDS, seedDemo } from '../seed.js';

// Plain `db:seed` = the demo data (with uploaded images); `--products N [--orders M]` = benchmark data in bulk
// (M order items over every status, on top of the N products).
const { values } = parseArgs({
  options: { products: { type: 'string' }, orders: { type: 'string' }, 'no-images': { type: 'boolean' } },
});
const products = values.products === undefined ? undefined : Number(values.products);
if (products !== undefined && (!Number.isInteger(products) || products < 1)) {
  console.error('--products must be a positive integer');
  process.exit(2);
}
const orders = values.orders === undefined ? undefined : Number(values.orders);
if (orders !== undefined && (products === undefined || !Number.isInteger(orders) || orders < 1)) {
  console.error('--orders must be a positive integer, given with --products');
  process.exit(2);
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
  if (products !== undefined) {
    const store = values['no-images'] ? undefined : createObjectStore(storageConfigFromEnv(process.env));
    const result = await seedBulk(db, store, { products });
    const kept = products - result.productsCreated;
    console.log(
      `bulk data: ${result.productsCreated} products added in ${result.seconds.toFixed(1)} s${kept > 0 ? ` (${kept} were already there)` : ''}`,
    );
    if (orders !== undefined) {
      const placed = await seedOrdersBulk(db, { items: orders });
      console.log(`bulk orders: ${placed.itemsCreated} order items added in ${placed.seconds.toFixed(1)} s (goal ${orders})`);
    }
  } else {
    const store = createObjectStore(storageConfigFromEnv(process.env));
    const summary = await seedDemo({ db, store, logger: pino({ level: 'warn' }) });
    console.log(
      `created: ${summary.sellersCreated} sellers, ${summary.productsCreated} products, ${summary.shoppersCreated} shoppers, ${summary.questionsCreated} questions`,
    );
    console.log(
      `logins: admin ${DEMO_ADMIN_LOGIN} / ${DEMO_PASSWORDS.admin}; sellers lovelyday, glowlab, ... / ${DEMO_PASSWORDS.seller}; shoppers shopper01..10 / ${DEMO_PASSWORDS.shopper}`,
    );
  }
} finally {
  await db.destroy();
}
