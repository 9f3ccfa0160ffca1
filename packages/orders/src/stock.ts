import { type Database, sql } from '@brandi/db';
import type { Kysely } from 'kysely';

type Executor = Kysely<Database>;

/**
 * Takes `quantity` units of a managed option (stock not null) atomically: the row is locked and changed only
 * while enough is left, so stock never goes negative and concurrent checkouts cannot oversell. False when it
 * is not enough (or the option has gone). Callers take several options in ascending option id.
 */
export async function takeStock(trx: Executor, optionId: number, quantity: number): Promise<boolean> {
  const result = await sql`UPDATE product_options SET stock = stock - ${quantity} WHERE id = ${optionId} AND stock >= ${quantity}`.execute(
    trx,
  );
  return Number(result.numAffectedRows ?? 0) > 0;
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
 * rankingScore in @brandi/db computes it) and sellers.sales_count. Rows are updated in ascending id, products
 * before sellers, so that two orders cannot deadlock on them; counts never go below zero.
 */
export async function moveSalesCounts(trx: Executor, moves: readonly SalesMove[]): Promise<void> {
  const byProduct = new Map<number, number>();
  const bySeller = new Map<number, number>();
  for (const m of moves) {
    byProduct.set(m.productId, (byProduct.get(m.productId) ?? 0) + m.units);
    bySeller.set(m.sellerId, (bySeller.get(m.sellerId) ?? 0) + m.units);
  }
  for (const [productId, units] of [...byProduct].sort((a, b) => a[0] - b[0])) {
    if (units === 0) continue;
    // ranking_score is assigned first so it reads the old sales_count on MySQL and MariaDB alike.
    await sql`UPDATE products
      SET ranking_score = LOG10(GREATEST(CAST(sales_count AS SIGNED) + ${units}, 0) + 1) + UNIX_TIMESTAMP(created_at) / 45000,
          sales_count = GREATEST(CAST(sales_count AS SIGNED) + ${units}, 0)
      WHERE id = ${productId}`.execute(trx);
  }
  for (const [sellerId, units] of [...bySeller].sort((a, b) => a[0] - b[0])) {
    if (units === 0) continue;
    await sql`UPDATE sellers SET sales_count = GREATEST(CAST(sales_count AS SIGNED) + ${units}, 0) WHERE id = ${sellerId}`.execute(trx);
  }
}
