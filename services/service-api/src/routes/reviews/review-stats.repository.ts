import { sql, type Db, type ReviewFit } from '@brandi/db';
import type { ReviewSummary } from './schemas.js';

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

export async function findReviewSummary(db: Db, productId: number): Promise<ReviewSummary> {
  const row = await db.selectFrom('product_review_stats').selectAll().where('product_id', '=', productId).executeTakeFirst();
  return toReviewSummary(row);
}

type StatsRow = { review_count: number; rating_sum: number } & Record<`rating_${1 | 2 | 3 | 4 | 5}` | `fit_${ReviewFit}`, number>;

export function toReviewSummary(row: StatsRow | undefined): ReviewSummary {
  const n = (value: number | undefined) => Number(value ?? 0);
  const count = n(row?.review_count);
  return {
    count,
    average: count === 0 ? null : Math.round((n(row?.rating_sum) * 10) / count) / 10,
    ratings: { 1: n(row?.rating_1), 2: n(row?.rating_2), 3: n(row?.rating_3), 4: n(row?.rating_4), 5: n(row?.rating_5) },
    fit: { fits: n(row?.fit_fits), small: n(row?.fit_small), large: n(row?.fit_large) },
  };
}

/** The detail's reviewCount and ratingAverage, from the same row. */
export function reviewHeadline(row: { review_count: number | null; rating_sum: number | null }) {
  const count = Number(row.review_count ?? 0);
  return { reviewCount: count, ratingAverage: count === 0 ? null : Math.round((Number(row.rating_sum ?? 0) * 10) / count) / 10 };
}
