import { sql, type Kysely, type RawBuilder } from 'kysely';
import { kstDayEnd, kstDayStart } from '../kst-days.js';
import { discountWindowContains } from '../pricing.js';
import type { Database } from '../schema/index.js';
import { sellerIsUnlisted, UNLISTED_ATTRIBUTE } from './membership.js';

// Totals answered from the derived tables instead of counting products. Which filters each can answer is the
// caller's decision (the back-office read planner's count-strategy eligibility); these take only what they use.

type Executor = Kysely<Database>;

/** What the counter tables can filter on: registration days (Asia/Seoul, inclusive), attributes, flags. */
export interface CounterFilters {
  registeredFrom?: string;
  registeredTo?: string;
  /** Only sellers with these attributes; undefined: every seller that lists its products. */
  attributeIds?: number[];
  onSale?: boolean;
  displayed?: boolean;
  /** Discount active at the given instant (true) or not (false); only the discount total reads it. */
  discounted?: boolean;
}

// MariaDB turns an IN list of 1,000 values or more into a join with a temporary table (in_predicate_conversion_
// threshold), which can then drive the query and sort every matching row; lists are split below that size.
const IN_LIST_CHUNK = 900;
const chunks = (ids: number[]) =>
  Array.from({ length: Math.ceil(ids.length / IN_LIST_CHUNK) }, (_, i) => ids.slice(i * IN_LIST_CHUNK, (i + 1) * IN_LIST_CHUNK));

/** SQL: `column` is one of `ids`, as IN lists short enough to stay lists (FALSE for none). */
export function sellerIn(column: RawBuilder<unknown>, ids: number[]): RawBuilder<boolean> {
  if (ids.length === 0) return sql<boolean>`FALSE`;
  return sql<boolean>`(${sql.join(
    chunks(ids).map((chunk) => sql`${column} IN (${sql.join(chunk)})`),
    sql` OR `,
  )})`;
}

/** SQL: `column` is none of `ids` (non-empty), as NOT IN lists short enough to stay lists. */
export function sellerNotIn(column: RawBuilder<unknown>, ids: number[]): RawBuilder<boolean> {
  return sql<boolean>`(${sql.join(
    chunks(ids).map((chunk) => sql`${column} NOT IN (${sql.join(chunk)})`),
    sql` AND `,
  )})`;
}

/** Listed live products counted from product_counts (day, attribute and flag filters). */
export function productCountsSum(db: Executor, filters: CounterFilters) {
  let query = db.selectFrom('product_counts').select((eb) => eb.fn.sum<number | null>('product_count').as('total'));
  // Attribute 0 (a seller without one) is left out, as the list's join to seller_attributes leaves it out.
  query =
    filters.attributeIds !== undefined
      ? query.where('attribute_id', 'in', filters.attributeIds)
      : query.where('attribute_id', '>', UNLISTED_ATTRIBUTE);
  if (filters.registeredFrom !== undefined) query = query.where('registered_day', '>=', sql<Date>`${filters.registeredFrom}`);
  if (filters.registeredTo !== undefined) query = query.where('registered_day', '<=', sql<Date>`${filters.registeredTo}`);
  if (filters.onSale !== undefined) query = query.where('is_on_sale', '=', filters.onSale);
  if (filters.displayed !== undefined) query = query.where('is_displayed', '=', filters.displayed);
  return query;
}

export async function sumProductCounts(db: Executor, filters: CounterFilters): Promise<number> {
  return Number((await productCountsSum(db, filters).executeTakeFirstOrThrow()).total ?? 0);
}

/** Live products of these sellers (flag filters) from seller_product_counts. */
export async function sumSellerCounts(db: Executor, sellers: number[], filters: CounterFilters): Promise<number> {
  if (sellers.length === 0) return 0;
  let query = db
    .selectFrom('seller_product_counts')
    .select((eb) => eb.fn.sum<number | null>('product_count').as('total'))
    .where(sellerIn(sql.ref('seller_id'), sellers));
  if (filters.onSale !== undefined) query = query.where('is_on_sale', '=', filters.onSale);
  if (filters.displayed !== undefined) query = query.where('is_displayed', '=', filters.displayed);
  return Number((await query.executeTakeFirstOrThrow()).total ?? 0);
}

/** Every live product (listed or not), from seller_product_counts. */
export async function countLiveProducts(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('seller_product_counts')
    .select((eb) => eb.fn.sum<number | null>('product_count').as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n ?? 0);
}

/** Live products per seller of `sellers` (any flags), from seller_product_counts. */
export function productsPerSeller(db: Executor, sellers: number[]) {
  return db
    .selectFrom('seller_product_counts')
    .select(['seller_id', (eb) => eb.fn.sum<number>('product_count').as('n')])
    .where(sellerIn(sql.ref('seller_id'), sellers))
    .groupBy('seller_id')
    .execute();
}

/** Sellers past which a discounted count is split in two statements run side by side (one per core). */
const PARALLEL_DISCOUNT_SELLERS = 1_000;

/**
 * Discounted-now products of these sellers (with flag filters): product_discounts by (seller_id, window). Many
 * sellers (attributes 1,4,7: ~2,100, ~127k entries, ~110 ms) are counted as two halves at once.
 */
export async function countDiscountedOf(db: Executor, sellers: number[], filters: CounterFilters, now: Date): Promise<number> {
  if (sellers.length === 0) return 0;
  if (sellers.length > PARALLEL_DISCOUNT_SELLERS) {
    const half = Math.ceil(sellers.length / 2);
    const counts = await Promise.all(
      [sellers.slice(0, half), sellers.slice(half)].map((part) => countDiscountedOf(db, part, filters, now)),
    );
    return counts[0]! + counts[1]!;
  }
  let query = db
    .selectFrom('product_discounts as d')
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .where(sellerIn(sql.ref('d.seller_id'), sellers))
    .where(discountWindowContains('d.starts_at', 'd.ends_at', now));
  if (filters.onSale !== undefined) query = query.where('d.is_on_sale', '=', filters.onSale);
  if (filters.displayed !== undefined) query = query.where('d.is_displayed', '=', filters.displayed);
  return Number((await query.executeTakeFirstOrThrow()).total);
}

/** Products with a discount window open at `now` (and the day and flag filters), read from product_discounts. */
function discountedNow(db: Executor, filters: CounterFilters, now: Date) {
  let query = db.selectFrom('product_discounts as d').where(discountWindowContains('d.starts_at', 'd.ends_at', now));
  if (filters.registeredFrom !== undefined) query = query.where('d.created_at', '>=', kstDayStart(filters.registeredFrom));
  if (filters.registeredTo !== undefined) query = query.where('d.created_at', '<', kstDayEnd(filters.registeredTo));
  if (filters.onSale !== undefined) query = query.where('d.is_on_sale', '=', filters.onSale);
  if (filters.displayed !== undefined) query = query.where('d.is_displayed', '=', filters.displayed);
  return query;
}

/**
 * `discounted` (with day and flag filters): the products whose window is open now, minus those of sellers
 * that do not list (few, found through the seller); `false` is every listed live product minus that. One
 * statement, so all three parts see the same snapshot.
 */
export function buildDiscountTotalQuery(db: Executor, filters: CounterFilters, now: Date) {
  return db.selectNoFrom(() => [
    productCountsSum(db, filters).as('live'),
    discountedNow(db, filters, now)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .as('discounted'),
    discountedNow(db, filters, now)
      .innerJoin('sellers as s', 's.id', 'd.seller_id')
      .where(sellerIsUnlisted('s'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .as('unlisted'),
  ]);
}

export async function countDiscountTotal(db: Executor, filters: CounterFilters, now: Date): Promise<number> {
  const row = await buildDiscountTotalQuery(db, filters, now).executeTakeFirstOrThrow();
  const active = Number(row.discounted ?? 0) - Number(row.unlisted ?? 0);
  return filters.discounted ? active : Number(row.live ?? 0) - active;
}
