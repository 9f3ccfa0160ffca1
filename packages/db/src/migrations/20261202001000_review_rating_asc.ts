import { sql, type Kysely } from 'kysely';

// GET /products/:id/reviews?sort=rating_asc lists the lowest ratings first, newest first within a rating: a
// mixed direction that the ascending (product_id, deleted_at, rating, created_at, id) index cannot give
// without a sort. Descending key parts are honoured by MySQL 8 and MariaDB ≥ 10.8 alike.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE reviews ADD KEY ix_reviews_product_rating_asc (product_id, deleted_at, rating, created_at DESC, id DESC)`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE reviews DROP KEY ix_reviews_product_rating_asc`.execute(db);
}
