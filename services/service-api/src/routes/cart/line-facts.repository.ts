import { PRICE_COLUMNS, type Database } from '@brandi/db';
import type { Kysely } from 'kysely';

type Executor = Kysely<Database>;

/** What pricing and purchasability need to know about an option, its product and its seller. */
export interface LineFacts {
  option_id: number;
  color: string;
  size: string;
  stock: number | null;
  product_id: number;
  product_name: string;
  product_code: string;
  main_image_key: string | null;
  price: number;
  discount_rate: number;
  discount_starts_at: Date | null;
  discount_ends_at: Date | null;
  min_order_qty: number;
  max_order_qty: number;
  is_on_sale: boolean;
  is_displayed: boolean;
  deleted_at: Date | null;
  seller_id: number;
  seller_name: string;
  seller_status: string;
}

/** The facts of each option id that exists, by option id (primary-key reads). */
export async function findLineFacts(db: Executor, optionIds: readonly number[]): Promise<Map<number, LineFacts>> {
  if (optionIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('product_options as o')
    .innerJoin('products as p', 'p.id', 'o.product_id')
    .innerJoin('sellers as s', 's.id', 'p.seller_id')
    .select([
      'o.id as option_id',
      'o.color',
      'o.size',
      'o.stock',
      'p.id as product_id',
      'p.name as product_name',
      'p.code as product_code',
      'p.main_image_key',
      ...PRICE_COLUMNS,
      'p.min_order_qty',
      'p.max_order_qty',
      'p.is_on_sale',
      'p.is_displayed',
      'p.deleted_at',
      's.id as seller_id',
      's.name_ko as seller_name',
      's.status as seller_status',
    ])
    .where('o.id', 'in', [...optionIds])
    .execute();
  return new Map(rows.map((row) => [row.option_id, row]));
}
