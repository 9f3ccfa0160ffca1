import { indexOrderItemNames, ORDER_INDEX_SWITCHES, rebuildOrderItemCounts, sql, type Db } from '@brandi/db';
import { buildOrderBatch, type CatalogPick, type OrderBatch } from './order-rows.js';
import { createProgress } from '../progress.js';
import { createRandom } from '../random.js';

export interface OrdersBulkOptions {
  /** Order items to reach (items already there count). */
  items: number;
  /** Orders are spread over this many days up to `now` (default 365). */
  days?: number;
  /** Orders per multi-row INSERT (default 1000, ~1,600 items). */
  batchOrders?: number;
  now?: Date;
  writers?: number;
}

// A few sellers take a large share of the orders, as on a real marketplace: the desk bench measures the
// biggest one (tens of thousands of items at 1M), not an average seller with a couple of hundred.
const TOP_SELLERS = 10;
const TOP_SHARE = 0.3;
const SAMPLE_PRODUCTS = 50_000;

async function pickCatalog(db: Db): Promise<{ top: CatalogPick[]; rest: CatalogPick[] }> {
  const sellers = await db
    .selectFrom('sellers')
    .select('id')
    .where('role', '=', 'seller')
    .where('status', '=', 'active')
    .orderBy('id')
    .limit(TOP_SELLERS)
    .execute();
  const select = () =>
    db
      .selectFrom('products as p')
      .innerJoin('product_options as o', 'o.product_id', 'p.id')
      .select(['p.id', 'p.seller_id', 'p.code', 'p.name', 'p.effective_price as price', 'o.id as option_id', 'o.color', 'o.size'])
      .where('p.deleted_at', 'is', null)
      .where('o.position', '=', 0);
  const top = await select()
    .where(
      'p.seller_id',
      'in',
      sellers.map((s) => s.id),
    )
    .execute();
  const { max } = await db
    .selectFrom('products')
    .select((eb) => eb.fn.max('id').as('max'))
    .executeTakeFirstOrThrow();
  // Every step-th product: a sample spread over the whole catalogue and every seller.
  const step = Math.max(1, Math.floor(Number(max ?? 0) / SAMPLE_PRODUCTS));
  const rest = await select().where(sql<boolean>`p.id % ${step} = 0`).execute();
  if (top.length === 0 || rest.length === 0) throw new Error('orders bulk: generate products first (--products N)');
  return { top, rest };
}

type Conn = Parameters<Parameters<ReturnType<Db['connection']>['execute']>[0]>[0];

async function insertChunks<T extends object>(conn: Conn, table: 'order_item_history' | 'order_seller_groups', rows: T[], size: number) {
  for (let i = 0; i < rows.length; i += size)
    await conn
      .insertInto(table)
      .values(rows.slice(i, i + size) as never)
      .execute();
}

async function writeBatch(conn: Conn, batch: OrderBatch): Promise<void> {
  await conn.insertInto('orders').values(batch.orders).execute();
  await conn.insertInto('order_items').values(batch.items).execute();
  await insertChunks(conn, 'order_item_history', batch.history, 4000);
  await insertChunks(conn, 'order_seller_groups', batch.groups, 4000);
  const ordererOf = new Map(batch.orders.map((o) => [o.id, o.orderer_name]));
  await indexOrderItemNames(
    conn,
    batch.items.map((i) => ({ ...i, orderer_name: ordererOf.get(i.order_id) ?? '' })),
  );
}

/**
 * Benchmark orders in bulk (multi-row INSERTs, checks off for the session): orders of 1–3 items from one or two
 * sellers, spread over `days`, each item in a status that fits its age (every status occurs), with its status
 * lines from `paid` on (contiguous), its seller groups and shipping fees. Ids are assigned here, so each order
 * number (KST day + id) is written with its row. The per-seller status counters are rebuilt once at the end.
 * Adds only the items missing to reach `items`.
 */
export async function seedOrdersBulk(db: Db, options: OrdersBulkOptions): Promise<{ itemsCreated: number; seconds: number }> {
  const now = options.now ?? new Date();
  const days = options.days ?? 365;
  const batchOrders = options.batchOrders ?? 1000;
  const started = Date.now();
  const existing = await db
    .selectFrom('order_items')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('id').as('item'), eb.fn.max('order_id').as('order')])
    .executeTakeFirstOrThrow();
  const toCreate = Math.max(0, options.items - Number(existing.n));
  if (toCreate === 0) return { itemsCreated: 0, seconds: 0 };
  const catalog = await pickCatalog(db);
  const range = await db
    .selectFrom('shoppers')
    .select((eb) => [eb.fn.min('id').as('min'), eb.fn.max('id').as('max')])
    .executeTakeFirstOrThrow();
  if (range.min === null || range.max === null) throw new Error('orders bulk: generate shoppers first (--products N)');

  // Orders are generated in time order, from `days` ago up to now.
  const ids = { order: Number(existing.order ?? 0), item: Number(existing.item ?? 0) };
  let made = 0;
  let batchNo = 0;
  const nextBatch = (): OrderBatch | undefined => {
    if (made >= toCreate) return undefined;
    const batch = buildOrderBatch({
      random: createRandom(9000 + batchNo),
      orders: batchOrders,
      itemsLeft: toCreate - made,
      ids,
      itemsBefore: made,
      itemsTotal: toCreate,
      days,
      now,
      catalog,
      topShare: TOP_SHARE,
      shoppers: { min: Number(range.min), max: Number(range.max) },
    });
    batchNo += 1;
    made += batch.items.length;
    return batch;
  };

  const progress = createProgress('order items', toCreate);
  const writer = () =>
    db.connection().execute(async (conn) => {
      // Counters are rebuilt once at the end; name postings are written per batch from the rows in hand.
      const { counts, nameIndex } = ORDER_INDEX_SWITCHES;
      await sql.raw(`SET SESSION unique_checks = 0, foreign_key_checks = 0, ${counts} = 1, ${nameIndex} = 1`).execute(conn);
      try {
        for (let batch = nextBatch(); batch !== undefined; batch = nextBatch()) {
          await writeBatch(conn, batch);
          progress.update(Math.min(made, toCreate));
        }
      } finally {
        await sql.raw(`SET SESSION unique_checks = 1, foreign_key_checks = 1, ${counts} = NULL, ${nameIndex} = NULL`).execute(conn);
      }
    });
  await Promise.all(Array.from({ length: options.writers ?? 2 }, writer));
  progress.finish();
  await rebuildOrderItemCounts(db);
  for (const table of ['orders', 'order_items', 'order_item_history', 'order_seller_groups', 'order_item_counts', 'order_item_name_tokens'])
    await sql`ANALYZE TABLE ${sql.table(table)}`.execute(db);
  return { itemsCreated: made, seconds: (Date.now() - started) / 1000 };
}
