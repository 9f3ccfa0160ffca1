import { sql, type Kysely } from 'kysely';

// Each product image gets a 360 px WebP list thumbnail beside it. Rows written before this migration have
// none (NULL) until `pnpm storage:thumbnails` makes them; lists fall back to the image itself meanwhile.
// products.main_thumbnail_key mirrors the thumbnail of the image at position 0, as main_image_key mirrors its key,
// so lists read it without a join. Both columns are nullable and added last: an instant ALTER on MySQL 8 and MariaDB.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE product_images
    ADD COLUMN thumbnail_key VARCHAR(255) NULL,
    ADD UNIQUE KEY uq_product_images_thumbnail (thumbnail_key)`.execute(db);
  await sql`ALTER TABLE products ADD COLUMN main_thumbnail_key VARCHAR(255) NULL`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE products DROP COLUMN main_thumbnail_key`.execute(db);
  await sql`ALTER TABLE product_images DROP INDEX uq_product_images_thumbnail, DROP COLUMN thumbnail_key`.execute(db);
}
