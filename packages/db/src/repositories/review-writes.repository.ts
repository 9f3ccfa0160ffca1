import { sql, type Kysely } from 'kysely';
import type { ReviewFit } from '../schema/index.js';
import type { Database } from '../schema/index.js';

// Review writes shared by the shopper API and the demo seed, so product_review_stats is moved the same way
// wherever a review is written.

type Db = Kysely<Database>;

export interface ReviewFacts {
  rating: number;
  fit: ReviewFit;
}

type StatColumn = `rating_${1 | 2 | 3 | 4 | 5}` | `fit_${ReviewFit}` | 'review_count' | 'rating_sum';

function deltasOf(facts: ReviewFacts, sign: 1 | -1): Map<StatColumn, number> {
  return new Map<StatColumn, number>([
    ['review_count', sign],
    ['rating_sum', sign * facts.rating],
    [`rating_${facts.rating as 1 | 2 | 3 | 4 | 5}`, sign],
    [`fit_${facts.fit}`, sign],
  ]);
}

function merge(a: Map<StatColumn, number>, b: Map<StatColumn, number>): Map<StatColumn, number> {
  const out = new Map(a);
  for (const [column, delta] of b) out.set(column, (out.get(column) ?? 0) + delta);
  for (const [column, delta] of out) if (delta === 0) out.delete(column);
  return out;
}

/**
 * Moves the product's live-review summary by a review's change, inside the review write's transaction:
 * `before` null = created, `after` null = deleted. The stats row is the product's; concurrent reviews of one
 * product queue on it briefly, and no page view ever counts review rows.
 */
export async function moveReviewStats(db: Db, productId: number, before: ReviewFacts | null, after: ReviewFacts | null): Promise<void> {
  const deltas = merge(before ? deltasOf(before, -1) : new Map(), after ? deltasOf(after, 1) : new Map());
  if (deltas.size === 0) return;
  if (before === null) {
    const created = Object.fromEntries(deltas) as Record<StatColumn, number>;
    await db
      .insertInto('product_review_stats')
      .values({ product_id: productId, ...created })
      .onDuplicateKeyUpdate(Object.fromEntries([...deltas].map(([column, delta]) => [column, sql`${sql.ref(column)} + ${delta}`])))
      .execute();
    return;
  }
  await db
    .updateTable('product_review_stats')
    .set(Object.fromEntries([...deltas].map(([column, delta]) => [column, sql`${sql.ref(column)} + ${delta}`])))
    .where('product_id', '=', productId)
    .execute();
}

export interface NewReview {
  itemId: number;
  productId: number;
  shopperId: number;
  color: string;
  size: string;
  rating: number;
  fit: ReviewFit;
  content: string;
  now: Date;
}

export async function insertReview(db: Db, r: NewReview): Promise<number> {
  const result = await db
    .insertInto('reviews')
    .values({
      order_item_id: r.itemId,
      product_id: r.productId,
      shopper_id: r.shopperId,
      option_color: r.color,
      option_size: r.size,
      rating: r.rating,
      fit: r.fit,
      content: r.content,
      created_at: r.now,
      updated_at: r.now,
      deleted_at: null,
    })
    .executeTakeFirstOrThrow();
  return Number(result.insertId);
}
