import { sql } from 'kysely';

// The list-membership rule, in one place: a product is in the back-office list while it is live (not deleted)
// and its seller has an attribute (the list joins seller_attributes). The counters keep every live product,
// filing a seller without an attribute under attribute 0, so the list's sums leave attribute 0 out. The
// triggers of migrations 20261130000100 … 20261201000800 apply the same rule to NEW / OLD rows (frozen there).

/** product_counts' attribute for a seller without one: counted, never listed. */
export const UNLISTED_ATTRIBUTE = 0;

/** SQL: the product row aliased `alias` is live (the derived tables hold live products only). */
export const isLiveProduct = (alias: string) => sql<boolean>`${sql.ref(`${alias}.deleted_at`)} IS NULL`;

/** SQL: the seller row aliased `alias` lists its products (it has an attribute). */
export const sellerIsListed = (alias: string) => sql<boolean>`${sql.ref(`${alias}.attribute_id`)} IS NOT NULL`;

/** SQL: the seller row aliased `alias` does not list its products (no attribute). */
export const sellerIsUnlisted = (alias: string) => sql<boolean>`${sql.ref(`${alias}.attribute_id`)} IS NULL`;

/** SQL: a registration instant's Asia/Seoul day, product_counts' `registered_day`. */
export const registeredDay = (column: string) => sql<Date>`DATE(${sql.ref(column)} + INTERVAL 9 HOUR)`;
