import { type Db, sql } from '@brandi/db';
import { createTokenService, TOKEN_ISSUER } from '@brandi/http';
import { SHOPPER_TOKEN_AUDIENCE } from '../src/plugins/auth.js';
import { BENCH_JWT_SECRET } from './server-process.js';

// The bench shoppers (bench_ck_0 …) and their baskets, shared by bench:checkout and bench:checkout-trace.

export const ORDERER = { name: '벤치', phone: '010-0000-0000', email: 'bench@example.com' };

export interface BenchShopper {
  id: number;
  addressId: number;
  headers: Record<string, string>;
}

/** `count` (≤ 1000) bench shoppers with an address each and a signed token, created on first use. */
export async function ensureShoppers(db: Db, count: number): Promise<BenchShopper[]> {
  await sql`INSERT IGNORE INTO shoppers (login_id, password_hash, name)
    SELECT CONCAT('bench_ck_', seq), 'x', '벤치' FROM (SELECT a.d * 100 + b.d * 10 + c.d AS seq FROM
      (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) a
      CROSS JOIN (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) b
      CROSS JOIN (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) c) n
    WHERE seq < ${count}`.execute(db);
  const rows = await db
    .selectFrom('shoppers')
    .select('id')
    .where('login_id', 'like', 'bench\\_ck\\_%')
    .orderBy('id')
    .limit(count)
    .execute();
  const tokens = createTokenService({ secret: BENCH_JWT_SECRET, audience: SHOPPER_TOKEN_AUDIENCE, issuer: TOKEN_ISSUER, ttlSeconds: 3600 });
  const shoppers: BenchShopper[] = [];
  for (const { id } of rows) {
    let address = await db.selectFrom('addresses').select('id').where('shopper_id', '=', id).executeTakeFirst();
    if (!address) {
      const values = {
        shopper_id: id,
        recipient: '벤치',
        phone: '010-0000-0000',
        zip_code: '04524',
        address1: '서울',
        address2: '',
        is_default: true,
      };
      address = { id: Number((await db.insertInto('addresses').values(values).executeTakeFirstOrThrow()).insertId) };
    }
    const { accessToken } = await tokens.sign({ sub: String(id), role: 'shopper' });
    shoppers.push({ id, addressId: address.id, headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' } });
  }
  return shoppers;
}

export async function maxProductId(db: Db): Promise<number> {
  const { maxId } = await db
    .selectFrom('products')
    .select((eb) => eb.fn.max('id').as('maxId'))
    .executeTakeFirstOrThrow();
  return Number(maxId);
}

/** Options that can be ordered one at a time (product on sale, displayed, not deleted, min 1; seller active). */
export const orderableOptions = (db: Db) =>
  db
    .selectFrom('product_options as o')
    .innerJoin('products as p', 'p.id', 'o.product_id')
    .innerJoin('sellers as s', 's.id', 'p.seller_id')
    .where('p.is_on_sale', '=', true)
    .where('p.is_displayed', '=', true)
    .where('p.deleted_at', 'is', null)
    .where('p.min_order_qty', '=', 1)
    .where('s.status', '=', 'active');

/** Baskets of 3 purchasable options without managed stock: 2 of one seller, 1 of another, spread over the ids and sellers. */
export async function pickBaskets(db: Db, count: number): Promise<number[][]> {
  const maxId = await maxProductId(db);
  const baskets: number[][] = [];
  while (baskets.length < count) {
    const from = Math.floor(Math.random() * Math.max(1, maxId - 20_000));
    const rows = await orderableOptions(db)
      .select(['o.id as optionId', 'p.seller_id as sellerId'])
      .where('p.id', '>=', from)
      .where('p.id', '<', from + 20_000)
      .where('o.stock', 'is', null)
      .execute();
    const bySeller = new Map<number, number[]>();
    for (const r of rows) bySeller.set(r.sellerId, [...(bySeller.get(r.sellerId) ?? []), r.optionId]);
    // The second seller is the next one in the window, not one shared by every basket: a seller common to all
    // baskets made every checkout queue on that seller's counter rows (sales_count, order_item_counts).
    const sellers = [...bySeller.values()];
    for (let j = 0; j < sellers.length && sellers.length > 1 && baskets.length < count; j++) {
      const other = sellers[(j + 1) % sellers.length];
      if (sellers[j].length >= 2) baskets.push([sellers[j][0], sellers[j][1], other[0]]);
    }
  }
  return baskets;
}
