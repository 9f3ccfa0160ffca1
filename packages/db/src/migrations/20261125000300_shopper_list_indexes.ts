import { sql, type Kysely } from 'kysely';

// The shopper feed filters by one of these columns (or none) and sorts by one key; each (filter, key, id)
// index lets GET /products read its page straight off the index. The `created_at` ones exist already.
const FILTERS = [
  { suffix: 'main', column: 'main_category_id' },
  { suffix: 'first', column: 'first_category_id' },
  { suffix: 'second', column: 'second_category_id' },
  { suffix: 'seller', column: 'seller_id' },
];
const SORT_KEYS = [
  { suffix: 'sales', column: 'sales_count' },
  { suffix: 'ranking', column: 'ranking_score' },
  { suffix: 'price', column: 'effective_price' },
];

function indexes(): { name: string; columns: string[] }[] {
  const all = SORT_KEYS.map((key) => ({ name: `ix_products_${key.suffix}`, columns: [key.column, 'id'] }));
  for (const filter of FILTERS) {
    for (const key of SORT_KEYS) {
      all.push({ name: `ix_products_${filter.suffix}_${key.suffix}`, columns: [filter.column, key.column, 'id'] });
    }
  }
  return all;
}

export async function up(db: Kysely<any>): Promise<void> {
  const adds = indexes().map(({ name, columns }) => sql`ADD KEY ${sql.id(name)} (${sql.join(columns.map((c) => sql.id(c)))})`);
  // Counts a seller's visible products (GET /sellers productCount) from the index alone.
  adds.push(sql`ADD KEY ix_products_seller_visible (seller_id, is_displayed, deleted_at)`);
  // One ALTER builds every index in a single pass over the table.
  await sql`ALTER TABLE products ${sql.join(adds)}`.execute(db);
  // GET /sellers?sort=name lists active sellers by name.
  await sql`ALTER TABLE sellers ADD KEY ix_sellers_status_name (status, name_ko, id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE sellers DROP KEY ix_sellers_status_name`.execute(db);
  const drops = indexes().map(({ name }) => sql`DROP KEY ${sql.id(name)}`);
  drops.push(sql`DROP KEY ix_products_seller_visible`);
  await sql`ALTER TABLE products ${sql.join(drops)}`.execute(db);
}
