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

const factsOf = (db: Executor, optionIds: readonly number[]) =>
  db
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
    .where('o.id', 'in', [...optionIds]);

/** The facts of each option id that exists, by option id (primary-key reads). */
export async function findLineFacts(db: Executor, optionIds: readonly number[]): Promise<Map<number, LineFacts>> {
  if (optionIds.length === 0) return new Map();
  const rows = await factsOf(db, optionIds).execute();
  return new Map(rows.map((row) => [row.option_id, row]));
}

export interface ShippingAddress {
  recipient: string;
  phone: string;
  zip_code: string;
  address1: string;
  address2: string;
}

export interface CheckoutFacts {
  facts: Map<number, LineFacts>;
  /** The shopper's address of that id; undefined when it is not theirs (or does not exist). */
  address: ShippingAddress | undefined;
  /** Whether the shopper's cart holds any of these options. */
  inCart: boolean;
}

/**
 * What checkout reads, in one statement: the line facts, the shopper's address and whether the cart holds the
 * lines (both joined onto every line: primary-key lookups). Only when none of the options exists does the
 * address take a statement of its own.
 */
export async function findCheckoutFacts(
  db: Executor,
  shopperId: number,
  addressId: number,
  optionIds: readonly number[],
): Promise<CheckoutFacts> {
  const rows = await factsOf(db, optionIds)
    .leftJoin('addresses as a', (join) => join.on('a.id', '=', addressId).on('a.shopper_id', '=', shopperId))
    .leftJoin('cart_lines as c', (join) => join.onRef('c.option_id', '=', 'o.id').on('c.shopper_id', '=', shopperId))
    .select(['a.id as address_id', 'a.recipient', 'a.phone', 'a.zip_code', 'a.address1', 'a.address2', 'c.quantity as cart_quantity'])
    .execute();
  const facts = new Map<number, LineFacts>();
  for (const { address_id, recipient, phone, zip_code, address1, address2, cart_quantity, ...line } of rows)
    facts.set(line.option_id, line);
  const first = rows[0];
  const address =
    first === undefined
      ? await db
          .selectFrom('addresses')
          .select(['recipient', 'phone', 'zip_code', 'address1', 'address2'])
          .where('id', '=', addressId)
          .where('shopper_id', '=', shopperId)
          .executeTakeFirst()
      : first.address_id === null
        ? undefined
        : {
            recipient: first.recipient!,
            phone: first.phone!,
            zip_code: first.zip_code!,
            address1: first.address1!,
            address2: first.address2!,
          };
  return { facts, address, inCart: rows.some((r) => r.cart_quantity !== null) };
}
