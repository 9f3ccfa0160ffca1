import { effectivePriceColumns, hashPassword, rankingScore, sql, type Db, type NewProduct, type SellerGroup } from '@brandi/db';
import type { ObjectStore } from '@brandi/storage';
import { ADJECTIVES, COLORS, MATERIALS, QUESTION_TEXTS, SIZES, groupOfAttribute } from './catalog.js';
import { generateJpeg, SWATCHES } from './images.js';
import { createProgress } from './progress.js';
import { createRandom } from './random.js';

export interface BulkOptions {
  products: number;
  sellers?: number;
  shoppers?: number;
  optionsPerProduct?: number;
  questionsPerProduct?: number;
  batchSize?: number;
  now?: Date;
}

const DAY = 24 * 3600 * 1000;
const BULK_PREFIX = 'bulk';
export const BULK_IMAGE_KEYS = SWATCHES.map((_, i) => `bench/shared-${i}.jpg`);

const BENCH_BUFFER_POOL_BYTES = 2 * 1024 ** 3;

/**
 * MariaDB's default 128 MB buffer pool cannot hold a million products' indexes, and inserts then crawl at disk
 * speed; raise it (a dynamic setting) when this account may. Said out loud, since it changes the server.
 */
async function raiseBufferPool(db: Db): Promise<void> {
  const { rows } = await sql<{ size: number }>`SELECT @@GLOBAL.innodb_buffer_pool_size AS size`.execute(db);
  if (Number(rows[0].size) >= BENCH_BUFFER_POOL_BYTES) return;
  try {
    await sql`SET GLOBAL innodb_buffer_pool_size = ${BENCH_BUFFER_POOL_BYTES}`.execute(db);
    console.error(`raised innodb_buffer_pool_size to ${BENCH_BUFFER_POOL_BYTES / 1024 ** 3} GB for the bulk load`);
  } catch {
    console.error('innodb_buffer_pool_size is small and could not be raised; the bulk load will be slow');
  }
}

async function count(db: Db, table: 'products' | 'sellers' | 'shoppers'): Promise<number> {
  const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Benchmark data in bulk (multi-row INSERTs, one connection, checks off for the session): sellers across all
 * seven attributes, products with options, shoppers and questions. Every product's main image is one of a few
 * shared objects (uploaded when a store is given), so no per-product upload is needed.
 * Reuses what is there: it only adds the products missing to reach `products`.
 */
export async function seedBulk(db: Db, store: ObjectStore | undefined, options: BulkOptions): Promise<{ productsCreated: number; seconds: number }> {
  const sellers = options.sellers ?? 5000;
  const shoppers = options.shoppers ?? 10000;
  const optionsPerProduct = options.optionsPerProduct ?? 3;
  const questionsPerProduct = options.questionsPerProduct ?? 1;
  const batchSize = options.batchSize ?? 2000;
  const now = options.now ?? new Date();
  const random = createRandom(7);

  if (store) {
    await store.ensureBucket();
    const image = generateJpeg(640, 720, SWATCHES[0], SWATCHES[3]);
    await Promise.all(BULK_IMAGE_KEYS.map((key) => store.put(key, image, 'image/jpeg')));
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

  await raiseBufferPool(db);
  const started = Date.now();
  return db.connection().execute(async (conn) => {
    await sql`SET SESSION unique_checks = 0, foreign_key_checks = 0`.execute(conn);

    const existingSellers = await count(conn, 'sellers');
    const sellerRows = [];
    for (let i = existingSellers; i < sellers; i++) {
      const attributeId = (i % 7) + 1;
      sellerRows.push({
        login_id: `${BULK_PREFIX}_s${i}`,
        password_hash: hash,
        role: 'seller' as const,
        status: i % 50 === 49 ? ('paused' as const) : ('active' as const),
        attribute_id: attributeId,
        name_ko: `벤치셀러${i}`,
        name_en: `bench-seller-${i}`,
        manager_name: `담당자${i}`,
        manager_phone: `010-0000-${String(i).padStart(4, '0')}`,
        manager_email: `bench${i}@example.com`,
        sales_count: random.int(0, 100000),
        created_at: new Date(now.getTime() - random.int(30, 900) * DAY),
      });
    }
    for (let i = 0; i < sellerRows.length; i += batchSize) await conn.insertInto('sellers').values(sellerRows.slice(i, i + batchSize)).execute();
    const sellerList = await conn.selectFrom('sellers').select(['id', 'attribute_id']).where('role', '=', 'seller').orderBy('id').execute();

    const existingShoppers = await count(conn, 'shoppers');
    for (let i = existingShoppers; i < shoppers; i += batchSize) {
      const rows = [];
      for (let j = i; j < Math.min(shoppers, i + batchSize); j++) rows.push({ login_id: `bench_u${j}`, password_hash: hash, name: `쇼퍼${j}`, email: null, phone: null });
      await conn.insertInto('shoppers').values(rows).execute();
    }
    const shopperRange = await conn.selectFrom('shoppers').select((eb) => [eb.fn.min('id').as('min'), eb.fn.max('id').as('max')]).executeTakeFirstOrThrow();

    const existing = await count(conn, 'products');
    const toCreate = Math.max(0, options.products - existing);
    const progress = createProgress('products', toCreate);
    for (let done = 0; done < toCreate; done += batchSize) {
      const n = Math.min(batchSize, toCreate - done);
      const products: NewProduct[] = [];
      const meta: { sellerId: number }[] = [];
      for (let j = 0; j < n; j++) {
        const seller = sellerList[random.int(0, sellerList.length - 1)];
        const group = groupOfAttribute(seller.attribute_id ?? 1);
        const cat = random.pick(byGroup.get(group) ?? categories);
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
          code: `B${String(existing + done + j).padStart(11, '0')}`,
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
          main_image_key: random.pick(BULK_IMAGE_KEYS),
          sales_count: salesCount,
          ranking_score: rankingScore(salesCount, createdAt),
          created_at: createdAt,
          updated_at: createdAt,
          deleted_at: random.chance(0.01) ? now : null,
        });
        meta.push({ sellerId: seller.id });
      }
      const result = await conn.insertInto('products').values(products).executeTakeFirstOrThrow();
      // A multi-row INSERT gets consecutive auto-increment ids from the first one (innodb_autoinc_lock_mode 1/2, one session).
      const firstId = Number(result.insertId);
      const optionRows = [];
      const questionRows = [];
      for (let j = 0; j < n; j++) {
        const colors = [...COLORS].sort(() => random.next() - 0.5);
        for (let k = 0; k < optionsPerProduct; k++) {
          optionRows.push({ product_id: firstId + j, color: colors[k % colors.length], size: SIZES[k % SIZES.length], stock: random.chance(0.1) ? null : random.int(0, 50), position: k });
        }
        for (let k = 0; k < questionsPerProduct; k++) {
          questionRows.push({
            product_id: firstId + j,
            seller_id: meta[j].sellerId,
            shopper_id: random.int(Number(shopperRange.min), Number(shopperRange.max)),
            type_id: random.int(1, 7),
            content: random.pick(QUESTION_TEXTS),
            is_private: random.chance(0.3),
            is_answered: false,
            created_at: new Date(now.getTime() - random.int(0, 300) * DAY),
            deleted_at: null,
          });
        }
      }
      if (optionRows.length) await conn.insertInto('product_options').values(optionRows).execute();
      if (questionRows.length) await conn.insertInto('questions').values(questionRows).execute();
      progress.update(done + n);
    }
    progress.finish();
    await sql`SET SESSION unique_checks = 1, foreign_key_checks = 1`.execute(conn);
    for (const table of ['sellers', 'products', 'product_options', 'questions']) await sql`ANALYZE TABLE ${sql.table(table)}`.execute(conn);
    return { productsCreated: toCreate, seconds: (Date.now() - started) / 1000 };
  });
}
