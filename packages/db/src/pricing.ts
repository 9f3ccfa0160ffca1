import { sql } from 'kysely';

export interface DiscountFields {
  price: number;
  discount_rate: number;
  discount_starts_at: Date | null;
  discount_ends_at: Date | null;
}

export interface EffectivePrice {
  discountRate: number;
  discountedPrice: number;
  isDiscounted: boolean;
}

/** A discount counts while now is within [start, end]; a null start means "from the beginning", a null end "no end". */
export function isDiscountActive(p: DiscountFields, now: Date): boolean {
  if (p.discount_rate <= 0) return false;
  if (p.discount_starts_at && p.discount_starts_at.getTime() > now.getTime()) return false;
  if (p.discount_ends_at && p.discount_ends_at.getTime() < now.getTime()) return false;
  return true;
}

/** API.md: discountedPrice = floor(price * (100 - rate) / 100 / 10) * 10 while active; otherwise price, rate 0. */
export function effectivePrice(p: DiscountFields, now: Date): EffectivePrice {
  if (!isDiscountActive(p, now)) return { discountRate: 0, discountedPrice: p.price, isDiscounted: false };
  return {
    discountRate: p.discount_rate,
    discountedPrice: Math.floor((p.price * (100 - p.discount_rate)) / 100 / 10) * 10,
    isDiscounted: true,
  };
}

/** Columns to store on every product write so price sorts and filters can use an index. */
export function effectivePriceColumns(p: DiscountFields, now: Date): { effective_price: number; effective_discount_rate: number } {
  const e = effectivePrice(p, now);
  return { effective_price: e.discountedPrice, effective_discount_rate: e.discountRate };
}

/** Recommended sort score: Reddit's "hot" shape, time-invariant so it only changes when sales do. */
export function rankingScore(salesCount: number, createdAt: Date): number {
  return Math.log10(salesCount + 1) + createdAt.getTime() / 1000 / 45000;
}

/**
 * SQL: a discount window (a NULL edge is open) that contains `now`, the window test of isDiscountActive.
 * `starts` and `ends` name the window columns (qualified or not).
 */
export function discountWindowContains(starts: string, ends: string, now: Date) {
  return sql<boolean>`((${sql.ref(starts)} IS NULL OR ${sql.ref(starts)} <= ${now}) AND (${sql.ref(ends)} IS NULL OR ${sql.ref(ends)} >= ${now}))`;
}

/** What effectivePrice reads, as columns of a product aliased `p`, for a select list: `.select([...PRICE_COLUMNS])`. */
export const PRICE_COLUMNS = ['p.price', 'p.discount_rate', 'p.discount_starts_at', 'p.discount_ends_at'] as const;
