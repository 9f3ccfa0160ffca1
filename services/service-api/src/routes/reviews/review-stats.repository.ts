import type { Db, ReviewFit } from '@brandi/db';
import type { ReviewSummary } from './schemas.js';

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
