import {
  createDb,
  effectivePriceColumns,
  ensureDatabase,
  hashPassword,
  indexProductFacets,
  indexProductNames,
  indexQuestionNames,
  migrateToLatest,
  rankingScore,
  rebuildProductIndexes,
  sql,
  type Db,
  type NewProduct,
  type SellerGroup,
} from '@brandi/db';
import { processUpload, thumbnailKeyOf } from '@brandi/images';
import type { ObjectStore } from '@brandi/storage';
import { ADJECTIVES, COLORS, MATERIALS, QUESTION_TEXTS, SIZES, groupOfAttribute } from './catalog.js';
import { generateJpeg, SWATCHES } from './images.js';
import { createProgress } from './progress.js';
import { createRandom, type Random } from './random.js';

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

const DAY = 24 * 3600 * 1000;
const BULK_PREFIX = 'bulk';
export const BULK_IMAGE_KEYS = SWATCHES.map((_, i) => `bench/shared-${i}.jpg`);
const mainImage = (key: string) => ({ main_image_key: key, main_thumbnail_key: thumbnailKeyOf(key) });

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
async function raiseInnoDbSizes(db: Db): Promise<void> {
  await raiseServerSize(db, 'innodb_buffer_pool_size');
  await raiseServerSize(db, 'innodb_log_file_size');
}

async function count(db: Db, table: 'products' | 'sellers' | 'shoppers'): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
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

  if (store) {
    await store.ensureBucket();
    const image = await processUpload(generateJpeg(640, 720, SWATCHES[0], SWATCHES[3]), { minWidth: 640, minHeight: 720 });
    await Promise.all(
      BULK_IMAGE_KEYS.flatMap((key) => [
        store.put(key, image.jpeg, 'image/jpeg'),
        store.put(thumbnailKeyOf(key), image.thumbnail, 'image/webp'),
      ]),
    );
  }

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

  const existing = await count(db, 'products');
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
          const result = await conn.insertInto('products').values(batch.products).executeTakeFirstOrThrow();
          // A multi-row INSERT gets consecutive auto-increment ids from the first one (innodb_autoinc_lock_mode 0/1).
          const firstId = Number(result.insertId);
          const live = batch.products.flatMap((product, k) => (product.deleted_at ? [] : [{ id: firstId + k, name: product.name }]));
          await indexProductNames(conn, live);
          await indexProductFacets(
            conn,
            batch.products.flatMap((product, k) =>
              product.deleted_at
                ? []
                : [
                    {
                      id: firstId + k,
                      name: product.name,
                      created_at: product.created_at as Date,
                      seller_id: product.seller_id,
                      is_on_sale: product.is_on_sale ?? true,
                      is_displayed: product.is_displayed ?? true,
                      discount_rate: product.discount_rate ?? 0,
                      discount_starts_at: product.discount_starts_at ?? null,
                      discount_ends_at: product.discount_ends_at ?? null,
                    },
                  ],
            ),
          );
          const children = buildChildren(createRandom(5000 + b), firstId, batch.sellerIds, {
            optionsPerProduct,
            questionsPerProduct,
            shopperRange,
            now,
          });
          if (children.options.length) await conn.insertInto('product_options').values(children.options).execute();
          if (children.questions.length) {
            const inserted = await conn.insertInto('questions').values(children.questions).executeTakeFirstOrThrow();
            // Consecutive ids from the first, as for products; each question's postings come from its product's name.
            const firstQuestionId = Number(inserted.insertId);
            await indexQuestionNames(
              conn,
              children.questions.flatMap((q, k) =>
                q.deleted_at
                  ? []
                  : [
                      {
                        id: firstQuestionId + k,
                        productName: batch.products[q.product_id - firstId].name,
                        created_at: q.created_at,
                        is_answered: q.is_answered,
                        type_id: q.type_id,
                      },
                    ],
              ),
            );
          }
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

type Conn = Parameters<Parameters<ReturnType<Db['connection']>['execute']>[0]>[0];
type Category = { mainId: number; group: SellerGroup; firstId: number; secondId: number; secondName: string };
type SellerRef = { id: number; attribute_id: number | null };

async function seedPeople(
  conn: Conn,
  o: { sellers: number; shoppers: number; batchSize: number; hash: string; now: Date; random: Random },
): Promise<{ sellerList: SellerRef[]; shopperRange: { min: number; max: number } }> {
  const existingSellers = await count(conn, 'sellers');
  const sellerRows = [];
  for (let i = existingSellers; i < o.sellers; i++) {
    sellerRows.push({
      login_id: `${BULK_PREFIX}_s${i}`,
      password_hash: o.hash,
      role: 'seller' as const,
      status: i % 50 === 49 ? ('paused' as const) : ('active' as const),
      attribute_id: (i % 7) + 1,
      name_ko: `벤치셀러${i}`,
      name_en: `bench-seller-${i}`,
      manager_name: `담당자${i}`,
      manager_phone: `010-0000-${String(i).padStart(4, '0')}`,
      manager_email: `bench${i}@example.com`,
      sales_count: o.random.int(0, 100000),
      created_at: new Date(o.now.getTime() - o.random.int(30, 900) * DAY),
    });
  }
  for (let i = 0; i < sellerRows.length; i += o.batchSize)
    await conn
      .insertInto('sellers')
      .values(sellerRows.slice(i, i + o.batchSize))
      .execute();
  const sellerList = await conn.selectFrom('sellers').select(['id', 'attribute_id']).where('role', '=', 'seller').orderBy('id').execute();

  const existingShoppers = await count(conn, 'shoppers');
  for (let i = existingShoppers; i < o.shoppers; i += o.batchSize) {
    const rows = [];
    for (let j = i; j < Math.min(o.shoppers, i + o.batchSize); j++)
      rows.push({ login_id: `bench_u${j}`, password_hash: o.hash, name: `쇼퍼${j}`, email: null, phone: null });
    await conn.insertInto('shoppers').values(rows).execute();
  }
  const range = await conn
    .selectFrom('shoppers')
    .select((eb) => [eb.fn.min('id').as('min'), eb.fn.max('id').as('max')])
    .executeTakeFirstOrThrow();
  return { sellerList, shopperRange: { min: Number(range.min), max: Number(range.max) } };
}

function buildProductBatch(o: {
  random: Random;
  n: number;
  firstCode: number;
  sellerList: SellerRef[];
  byGroup: Map<SellerGroup, Category[]>;
  categories: Category[];
  now: Date;
}): { products: NewProduct[]; sellerIds: number[] } {
  const { random, now } = o;
  const products: NewProduct[] = [];
  const sellerIds: number[] = [];
  for (let j = 0; j < o.n; j++) {
    const seller = o.sellerList[random.int(0, o.sellerList.length - 1)];
    const cat = random.pick(o.byGroup.get(groupOfAttribute(seller.attribute_id ?? 1)) ?? o.categories);
    const createdAt = new Date(now.getTime() - random.int(0, 730 * DAY));
    const discounted = random.chance(0.3);
    const salesCount = random.int(0, 20000);
    const pricing = {
      price: random.int(50, 3000) * 100,
      discount_rate: discounted ? random.pick([5, 10, 20, 30, 50]) : 0,
      discount_starts_at: discounted ? new Date(now.getTime() - random.int(1, 30) * DAY) : null,
      discount_ends_at: discounted ? new Date(now.getTime() + random.int(-10, 30) * DAY) : null,
    };
    products.push({
      seller_id: seller.id,
      code: `B${String(o.firstCode + j).padStart(11, '0')}`,
      name: `${random.pick(ADJECTIVES)} ${random.pick(MATERIALS)} ${cat.secondName.split('/')[0]}`,
      main_category_id: cat.mainId,
      first_category_id: cat.firstId,
      second_category_id: cat.secondId,
      simple_description: null,
      detail_html: '<p>벤치마크 상품</p>',
      ...pricing,
      ...effectivePriceColumns(pricing, now),
      min_order_qty: 1,
      max_order_qty: 10,
      is_on_sale: random.chance(0.95),
      is_displayed: random.chance(0.97),
      ...mainImage(random.pick(BULK_IMAGE_KEYS)),
      sales_count: salesCount,
      ranking_score: rankingScore(salesCount, createdAt),
      created_at: createdAt,
      updated_at: createdAt,
      deleted_at: random.chance(0.01) ? now : null,
    });
    sellerIds.push(seller.id);
  }
  return { products, sellerIds };
}

function buildChildren(
  random: Random,
  firstId: number,
  sellerIds: number[],
  o: { optionsPerProduct: number; questionsPerProduct: number; shopperRange: { min: number; max: number }; now: Date },
) {
  const options = [];
  const questions = [];
  for (const [j, sellerId] of sellerIds.entries()) {
    const colors = [...COLORS].sort(() => random.next() - 0.5);
    for (let k = 0; k < o.optionsPerProduct; k++) {
      options.push({
        product_id: firstId + j,
        color: colors[k % colors.length],
        size: SIZES[k % SIZES.length],
        stock: random.chance(0.1) ? null : random.int(0, 50),
        position: k,
      });
    }
    for (let k = 0; k < o.questionsPerProduct; k++) {
      questions.push({
        product_id: firstId + j,
        seller_id: sellerId,
        shopper_id: random.int(o.shopperRange.min, o.shopperRange.max),
        type_id: random.int(1, 7),
        content: random.pick(QUESTION_TEXTS),
        is_private: random.chance(0.3),
        is_answered: false,
        created_at: new Date(o.now.getTime() - random.int(0, 300) * DAY),
        deleted_at: null,
      });
    }
  }
  return { options, questions };
}

/**
 * A benchmark's database: created if missing, migrated, and filled with `products` products (seedBulk reuses
 * what is there). Returns the pool and what was added; the caller closes the pool.
 */
export async function openBenchDatabase(url: string, options: { products: number; poolSize: number }) {
  await ensureDatabase(url);
  const db = createDb({ url, poolSize: options.poolSize });
  await migrateToLatest(db);
  const seeded = await seedBulk(db, undefined, { products: options.products });
  return { db, seeded };
}
