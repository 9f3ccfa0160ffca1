import { type Db, hashPassword, rebuildProductIndexes, type SellerGroup, sql } from '@brandi/db';
import { processUpload, thumbnailKeyOf } from '@brandi/images';
import type { ObjectStore } from '@brandi/storage';
import { generateJpeg, SWATCHES } from '../images.js';
import { createProgress } from '../progress.js';
import { createRandom } from '../random.js';
import { seedPeople } from './people.js';
import { BULK_IMAGE_KEYS, buildProductBatch } from './product-rows.js';
import { insertProductBatch } from './product-writer.js';
import { countRows, raiseInnoDbSizes } from './session.js';

export interface BulkOptions {
  products: number;
  sellers?: number;
  shoppers?: number;
  optionsPerProduct?: number;
  questionsPerProduct?: number;
  batchSize?: number;
  now?: Date;
  /** Concurrent writer connections (default 2). */
  writers?: number;
}

/** Uploads the few shared images every bulk product's main image is one of, with their thumbnails. */
async function uploadBulkImages(store: ObjectStore): Promise<void> {
  await store.ensureBucket();
  const image = await processUpload(generateJpeg(640, 720, SWATCHES[0], SWATCHES[3]), { minWidth: 640, minHeight: 720 });
  await Promise.all(
    BULK_IMAGE_KEYS.flatMap((key) => [
      store.put(key, image.jpeg, 'image/jpeg'),
      store.put(thumbnailKeyOf(key), image.thumbnail, 'image/webp'),
    ]),
  );
}

/**
 * Benchmark data in bulk (multi-row INSERTs, one connection, checks off for the session): sellers across all
 * seven attributes, products with options, shoppers and questions. Every product's main image is one of a few
 * shared objects (uploaded when a store is given), so no per-product upload is needed.
 * Reuses what is there: it only adds the products missing to reach `products`.
 */
export async function seedBulk(
  db: Db,
  store: ObjectStore | undefined,
  options: BulkOptions,
): Promise<{ productsCreated: number; seconds: number }> {
  const sellers = options.sellers ?? 5000;
  const shoppers = options.shoppers ?? 10000;
  const optionsPerProduct = options.optionsPerProduct ?? 3;
  const questionsPerProduct = options.questionsPerProduct ?? 1;
  const batchSize = options.batchSize ?? 2000;
  const now = options.now ?? new Date();
  const random = createRandom(7);

  if (store) await uploadBulkImages(store);

  const hash = await hashPassword('brandi-bench-1');
  const categories = await db
    .selectFrom('second_categories as s')
    .innerJoin('first_categories as f', 'f.id', 's.first_category_id')
    .innerJoin('main_categories as m', 'm.id', 'f.main_category_id')
    .select(['m.id as mainId', 'm.group_code as group', 'f.id as firstId', 's.id as secondId', 's.name as secondName'])
    .execute();
  const byGroup = new Map<SellerGroup, typeof categories>();
  for (const c of categories) byGroup.set(c.group, [...(byGroup.get(c.group) ?? []), c]);

  await raiseInnoDbSizes(db);
  const started = Date.now();
  const { sellerList, shopperRange } = await db.connection().execute(async (conn) => {
    await sql`SET SESSION unique_checks = 0, foreign_key_checks = 0`.execute(conn);
    return seedPeople(conn, { sellers, shoppers, batchSize, hash, now, random });
  });

  const existing = await countRows(db, 'products');
  const toCreate = Math.max(0, options.products - existing);
  const batches = Math.ceil(toCreate / batchSize);
  const progress = createProgress('products', toCreate);
  let nextBatch = 0;
  let done = 0;
  // Two writers keep MariaDB busy while Node builds the next batch; each batch has its own seeded PRNG so the
  // data does not depend on which writer took it.
  const writer = () =>
    db.connection().execute(async (conn) => {
      // product_counts is rebuilt once at the end instead of row by row (two writers' counter updates deadlock);
      // name tokens are written per batch from the names in hand.
      await sql`SET SESSION unique_checks = 0, foreign_key_checks = 0, @skip_product_counts = 1, @skip_product_discounts = 1, @skip_product_name_index = 1`.execute(
        conn,
      );
      try {
        for (let b = nextBatch++; b < batches; b = nextBatch++) {
          const n = Math.min(batchSize, toCreate - b * batchSize);
          const batch = buildProductBatch({
            random: createRandom(1000 + b),
            n,
            firstCode: existing + b * batchSize,
            sellerList,
            byGroup,
            categories,
            now,
          });
          await insertProductBatch(conn, b, batch, { optionsPerProduct, questionsPerProduct, shopperRange, now });
          done += n;
          progress.update(done);
        }
      } finally {
        await sql`SET SESSION unique_checks = 1, foreign_key_checks = 1, @skip_product_counts = NULL, @skip_product_discounts = NULL, @skip_product_name_index = NULL`.execute(
          conn,
        );
      }
    });
  await Promise.all(Array.from({ length: options.writers ?? 2 }, writer));
  progress.finish();
  if (toCreate > 0) await rebuildProductIndexes(db, { names: false });
  for (const table of ['sellers', 'products', 'product_options', 'questions']) await sql`ANALYZE TABLE ${sql.table(table)}`.execute(db);
  return { productsCreated: toCreate, seconds: (Date.now() - started) / 1000 };
}
