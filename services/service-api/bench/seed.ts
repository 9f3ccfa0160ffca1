import { effectivePriceColumns, rankingScore, sql, type Db, type SellerGroup } from '@brandi/db';

// A large, reproducible catalogue for the benchmark, written with multi-row INSERTs on one connection.
// Reused when already there: only the missing products are added.

const SELLERS = 1000;
const SHOPPERS = 500;
const BATCH = 2000;
/** Every QUESTION_EVERY-th product gets QUESTIONS_EACH questions (half answered), for the Q&A route. */
export const QUESTION_EVERY = 200;
const QUESTIONS_EACH = 20;
/** Images reference a handful of keys; the bench never downloads them. */
const SHARED_IMAGE_KEYS = Array.from({ length: 5 }, (_, i) => `bench/shared-${i}.jpg`);
const GROUP_OF_ATTRIBUTE: Record<number, SellerGroup> = { 1: 'shop', 2: 'shop', 3: 'shop', 4: 'brand', 5: 'brand', 6: 'brand', 7: 'beauty' };

function createRandom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Conn = Parameters<Parameters<ReturnType<Db['connection']>['execute']>[0]>[0];

async function seedSellersAndShoppers(conn: Conn): Promise<{ id: number; group: SellerGroup }[]> {
  const existing = await conn.selectFrom('sellers').select(['id', 'attribute_id']).where('login_id', 'like', 'bench\\_%').orderBy('id').execute();
  if (existing.length === 0) {
    const random = createRandom(7);
    await conn
      .insertInto('sellers')
      .values(
        Array.from({ length: SELLERS }, (_, i) => ({
          login_id: `bench_seller_${i}`,
          password_hash: 'x',
          status: i % 20 === 0 ? ('paused' as const) : ('active' as const),
          attribute_id: (i % 7) + 1,
          name_ko: `벤치셀러 ${i}`,
          name_en: `Bench Seller ${i}`,
          site_url: `https://seller${i}.example.com`,
          image_url: `https://img.example.com/sellers/${i}.png`,
          sales_count: Math.floor(random() * 100_000),
          created_at: new Date(Date.UTC(2024, 0, 1) + i * 3_600_000),
        })),
      )
      .execute();
    await conn
      .insertInto('shoppers')
      .values(Array.from({ length: SHOPPERS }, (_, i) => ({ login_id: `bench_shopper_${i}`, password_hash: 'x', name: `Shopper ${i}`, email: null, phone: null })))
      .execute();
    return seedSellersAndShoppers(conn);
  }
  return existing.map((s) => ({ id: s.id, group: GROUP_OF_ATTRIBUTE[s.attribute_id ?? 1] }));
}

async function loadCategoryPaths(conn: Conn): Promise<Record<SellerGroup, { main: number; first: number; second: number }[]>> {
  const rows = await conn
    .selectFrom('second_categories as sc')
    .innerJoin('first_categories as fc', 'fc.id', 'sc.first_category_id')
    .innerJoin('main_categories as mc', 'mc.id', 'fc.main_category_id')
    .select(['mc.id as main', 'mc.group_code as group', 'fc.id as first', 'sc.id as second'])
    .orderBy('sc.id')
    .execute();
  const paths: Record<SellerGroup, { main: number; first: number; second: number }[]> = { shop: [], brand: [], beauty: [] };
  for (const row of rows) paths[row.group].push({ main: row.main, first: row.first, second: row.second });
  return paths;
}

/** Adds products (with an image, two options and some questions) until there are `target`; returns the count. */
export async function seedBenchData(db: Db, target: number, log: (line: string) => void): Promise<number> {
  return db.connection().execute(async (conn) => {
    await sql`SET SESSION foreign_key_checks = 0, unique_checks = 0`.execute(conn);
    const sellers = await seedSellersAndShoppers(conn);
    const shoppers = await conn.selectFrom('shoppers').select('id').where('login_id', 'like', 'bench\\_%').execute();
    const paths = await loadCategoryPaths(conn);
    const { maxId } = await conn.selectFrom('products').select((eb) => eb.fn.max('id').as('maxId')).executeTakeFirstOrThrow();
    let next = Number(maxId ?? 0) + 1;
    if (next > target) return next - 1;
    log(`seeding products ${next}..${target}`);
    const now = new Date();
    const started = Date.now();
    // Registration times run a year up to now in id order, as a live catalogue's would.
    const yearMs = 365 * 86_400_000;
    const createdAt = (id: number) => new Date(now.getTime() - yearMs + Math.floor((id / target) * yearMs));
    while (next <= target) {
      const ids = Array.from({ length: Math.min(BATCH, target - next + 1) }, (_, i) => next + i);
      const random = createRandom(ids[0]);
      const products = ids.map((id) => {
        const seller = sellers[Math.floor(random() * sellers.length)];
        const groupPaths = paths[seller.group];
        const path = groupPaths[Math.floor(random() * groupPaths.length)];
        const price = (10 + Math.floor(random() * 2000)) * 100;
        const discounted = random() < 0.3;
        const window = Math.floor(random() * 3);
        const discount = {
          price,
          discount_rate: discounted ? 5 + Math.floor(random() * 60) : 0,
          discount_starts_at: discounted ? new Date(now.getTime() + (window - 1) * 7 * 86_400_000) : null,
          discount_ends_at: discounted && window !== 1 ? new Date(now.getTime() + window * 7 * 86_400_000) : null,
        };
        const sales = Math.floor(random() ** 3 * 5000);
        const created = createdAt(id);
        return {
          id,
          seller_id: seller.id,
          code: `B${String(id).padStart(11, '0')}`,
          name: `벤치 상품 ${id}`,
          main_category_id: path.main,
          first_category_id: path.first,
          second_category_id: path.second,
          simple_description: 'benchmark product',
          detail_html: '<p>benchmark</p>',
          ...discount,
          ...effectivePriceColumns(discount, now),
          min_order_qty: 1,
          max_order_qty: 10,
          is_on_sale: true,
          is_displayed: random() > 0.05,
          main_image_key: SHARED_IMAGE_KEYS[id % SHARED_IMAGE_KEYS.length],
          sales_count: sales,
          ranking_score: rankingScore(sales, created),
          created_at: created,
          updated_at: created,
          deleted_at: random() < 0.01 ? created : null,
        };
      });
      await conn.insertInto('products').values(products).execute();
      await conn
        .insertInto('product_images')
        .values(ids.map((id) => ({ product_id: id, object_key: `bench/products/${id}.jpg`, position: 0, width: 640, height: 720 })))
        .execute();
      await conn
        .insertInto('product_options')
        .values(ids.flatMap((id) => [
          { product_id: id, color: 'black', size: 'M', stock: id % 3 === 0 ? 0 : 10, position: 0 },
          { product_id: id, color: 'white', size: 'L', stock: null, position: 1 },
        ]))
        .execute();
      const asked = products.filter((p) => p.id % QUESTION_EVERY === 0);
      for (const product of asked) {
        const base = product.created_at.getTime();
        const result = await conn
          .insertInto('questions')
          .values(
            Array.from({ length: QUESTIONS_EACH }, (_, i) => ({
              product_id: product.id,
              seller_id: product.seller_id,
              shopper_id: shoppers[(product.id + i) % shoppers.length].id,
              type_id: (i % 7) + 1,
              content: `question ${i} about product ${product.id}`,
              is_private: i % 4 === 0,
              is_answered: i % 2 === 0,
              created_at: new Date(base + i * 60_000),
              deleted_at: null,
            })),
          )
          .executeTakeFirstOrThrow();
        const firstQuestion = Number(result.insertId);
        await conn
          .insertInto('answers')
          .values(
            Array.from({ length: QUESTIONS_EACH / 2 }, (_, i) => ({
              question_id: firstQuestion + i * 2,
              author_id: product.seller_id,
              content: `answer ${i}`,
            })),
          )
          .execute();
      }
      next += ids.length;
      const done = next - 1;
      if (done % 50_000 < BATCH || next > target) log(`  ${done} products (${Math.round((Date.now() - started) / 1000)} s)`);
    }
    await sql`ANALYZE TABLE products, product_images, product_options, questions, answers, sellers`.execute(conn);
    return target;
  });
}
