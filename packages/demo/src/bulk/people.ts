import type { Random } from '../random.js';
import { type Conn, countRows, DAY } from './session.js';

// The bulk data's people: sellers across all seven attributes (every 50th paused) and shoppers.

const BULK_PREFIX = 'bulk';

export type SellerRef = { id: number; attribute_id: number | null };

/** Adds the sellers and shoppers missing to reach the counts; returns every seller and the shoppers' id range. */
export async function seedPeople(
  conn: Conn,
  o: { sellers: number; shoppers: number; batchSize: number; hash: string; now: Date; random: Random },
): Promise<{ sellerList: SellerRef[]; shopperRange: { min: number; max: number } }> {
  const existingSellers = await countRows(conn, 'sellers');
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

  const existingShoppers = await countRows(conn, 'shoppers');
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
