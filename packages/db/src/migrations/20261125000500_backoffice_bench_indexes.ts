import { sql, type Kysely } from 'kysely';

// The back-office list counts its exact total through the sellers join, so MariaDB reads products per seller.
// With every column the filters test in one (seller_id, ...) index, those counts never touch the rows (a seller
// index without them cost one row lookup per product: seconds at 1M). deleted_at is not second on purpose: as a
// const ref right after seller_id it made the optimizer drive pages from sellers and filesort every product.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE products
    ADD KEY ix_products_seller_flags (seller_id, is_on_sale, is_displayed, discount_rate, discount_starts_at, discount_ends_at, deleted_at, created_at, name)`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE products DROP KEY ix_products_seller_flags`.execute(db);
}
