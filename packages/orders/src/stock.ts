import { type Database, sql } from '@brandi/db';
import type { Kysely } from 'kysely';

type Executor = Kysely<Database>;

/**
 * Takes the units of managed options (stock not null) atomically, in one statement: a row is locked and changed
 * only while enough is left, so stock never goes negative and concurrent checkouts cannot oversell. The rows
 * are read (and locked) in primary-key order, ascending, as every stock change takes them. True when every
 * line was taken; false when some was not (not enough, or the option has gone): the caller must then roll the
 * transaction back, since the other lines were taken.
 */
export async function takeStock(trx: Executor, lines: readonly { optionId: number; quantity: number }[]): Promise<boolean> {
  if (lines.length === 0) return true;
  const quantity = sql`CASE id ${sql.join(
    lines.map((l) => sql`WHEN ${l.optionId} THEN ${l.quantity}`),
    sql` `,
  )} END`;
  const result = await sql`UPDATE product_options SET stock = stock - ${quantity}
    WHERE id IN (${sql.join(lines.map((l) => l.optionId))}) AND stock >= ${quantity}`.execute(trx);
  return Number(result.numAffectedRows ?? 0) === lines.length;
}

/** Puts units back into a managed option (cancel, refund); an unmanaged or deleted option is left alone. */
export async function putBackStock(trx: Executor, optionId: number, quantity: number): Promise<void> {
  await sql`UPDATE product_options SET stock = stock + ${quantity} WHERE id = ${optionId} AND stock IS NOT NULL`.execute(trx);
}

export interface SalesMove {
  productId: number;
  sellerId: number;
  /** Units sold (+) or given back (−). */
  units: number;
}

/**
 * Moves products.sales_count (with its ranking_score: log10(sales + 1) + created_at seconds / 45000, as
 * rankingScore in @brandi/db computes it) and sellers.sales_count, one statement each. Rows are locked in
 * ascending id, products before sellers, so that two orders cannot deadlock on them; counts never go below zero.
 */
export async function moveSalesCounts(trx: Executor, moves: readonly SalesMove[]): Promise<void> {
  const byProduct = new Map<number, number>();
  const bySeller = new Map<number, number>();
  for (const m of moves) {
    byProduct.set(m.productId, (byProduct.get(m.productId) ?? 0) + m.units);
    bySeller.set(m.sellerId, (bySeller.get(m.sellerId) ?? 0) + m.units);
  }
  const products = [...byProduct].filter(([, units]) => units !== 0);
  const sellers = [...bySeller].filter(([, units]) => units !== 0);
  // One statement per table: the rows are read (and locked) in primary-key order, ascending.
  if (products.length > 0) {
    const delta = sql`CASE id ${sql.join(
      products.map(([id, units]) => sql`WHEN ${id} THEN ${units}`),
      sql` `,
    )} END`;
    // ranking_score is assigned first so it reads the old sales_count on MySQL and MariaDB alike.
    await sql`UPDATE products
      SET ranking_score = LOG10(GREATEST(CAST(sales_count AS SIGNED) + ${delta}, 0) + 1) + UNIX_TIMESTAMP(created_at) / 45000,
          sales_count = GREATEST(CAST(sales_count AS SIGNED) + ${delta}, 0)
      WHERE id IN (${sql.join(products.map(([id]) => id))})`.execute(trx);
  }
  if (sellers.length > 0) {
    const delta = sql`CASE id ${sql.join(
      sellers.map(([id, units]) => sql`WHEN ${id} THEN ${units}`),
      sql` `,
    )} END`;
    await sql`UPDATE sellers SET sales_count = GREATEST(CAST(sales_count AS SIGNED) + ${delta}, 0)
      WHERE id IN (${sql.join(sellers.map(([id]) => id))})`.execute(trx);
  }
}
