import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';

/**
 * Recomputes product_counts, product_discounts, seller_product_counts and question_counts from their source
 * tables in one transaction: for sessions that skipped the triggers' upkeep (@skip_product_counts, the bulk
 * loader) or an operator's repair. Same rows as the triggers of migrations 20261130000100, 20261130000200,
 * 20261201000500 and 20261201000600 write (a migration keeps its own copy, frozen).
 */
export async function rebuildProductCounts(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`DELETE FROM product_counts`.execute(trx);
    await sql`INSERT INTO product_counts (registered_day, attribute_id, is_on_sale, is_displayed, product_count)
      SELECT DATE(p.created_at + INTERVAL 9 HOUR), COALESCE(s.attribute_id, 0), p.is_on_sale, p.is_displayed, COUNT(*)
      FROM products p INNER JOIN sellers s ON s.id = p.seller_id
      WHERE p.deleted_at IS NULL
      GROUP BY DATE(p.created_at + INTERVAL 9 HOUR), COALESCE(s.attribute_id, 0), p.is_on_sale, p.is_displayed`.execute(trx);
    await sql`DELETE FROM product_discounts`.execute(trx);
    await sql`INSERT INTO product_discounts (product_id, seller_id, starts_at, ends_at, created_at, is_on_sale, is_displayed)
      SELECT id, seller_id, discount_starts_at, discount_ends_at, created_at, is_on_sale, is_displayed
      FROM products WHERE deleted_at IS NULL AND discount_rate > 0`.execute(trx);
    await sql`DELETE FROM seller_product_counts`.execute(trx);
    await sql`INSERT INTO seller_product_counts (seller_id, is_on_sale, is_displayed, product_count)
      SELECT seller_id, is_on_sale, is_displayed, COUNT(*) FROM products WHERE deleted_at IS NULL
      GROUP BY seller_id, is_on_sale, is_displayed`.execute(trx);
    await sql`DELETE FROM question_counts`.execute(trx);
    await sql`INSERT INTO question_counts (question_day, type_id, is_answered, question_count)
      SELECT DATE(created_at + INTERVAL 9 HOUR), type_id, is_answered, COUNT(*) FROM questions WHERE deleted_at IS NULL
      GROUP BY DATE(created_at + INTERVAL 9 HOUR), type_id, is_answered`.execute(trx);
  });
}

/**
 * A product name's tokens as product_name_tokens holds them: the runs between spaces (U+0020), empty runs
 * skipped, each once. The same split as the index_product_name procedure of migration 20261130000300.
 */
export function productNameTokens(name: string): string[] {
  return [...new Set(name.split(' ').filter((token) => token.length > 0))];
}

/**
 * Each pair of distinct tokens once, ordered as utf8mb4_bin orders them (by UTF-8 bytes): the rows
 * product_name_token_pairs holds for a name (the index_product_name procedure of migration 20261201000400).
 */
export function productNameTokenPairs(name: string): [string, string][] {
  const tokens = productNameTokens(name).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  return tokens.flatMap((a, i) => tokens.slice(i + 1).map((b): [string, string] => [a, b]));
}

/**
 * Adds the postings, pairs and vocabulary of products written with @skip_product_counts set (the bulk loader,
 * which knows the names it inserted; splitting a million names in SQL would take ~35 s).
 */
export async function indexProductNames(db: Kysely<Database>, products: { id: number; name: string }[]): Promise<void> {
  const postings = products.flatMap(({ id, name }) => productNameTokens(name).map((token) => ({ token, product_id: id })));
  if (postings.length === 0) return;
  const vocabulary = [...new Set(postings.map((p) => p.token))].map((token) => ({ token }));
  await db.insertInto('name_tokens').ignore().values(vocabulary).execute();
  await db.insertInto('product_name_tokens').ignore().values(postings).execute();
  const pairs = products.flatMap(({ id, name }) => productNameTokenPairs(name).map(([a, b]) => ({ token_a: a, token_b: b, product_id: id })));
  // Chunked: a batch of long names has many pairs, and a statement holds at most 65,535 placeholders.
  for (let i = 0; i < pairs.length; i += 10_000) await db.insertInto('product_name_token_pairs').ignore().values(pairs.slice(i, i + 10_000)).execute();
}

/**
 * Adds the question postings (question_name_tokens) and vocabulary of questions written with
 * @skip_product_counts set (the bulk loader), from their products' names.
 */
export async function indexQuestionNames(
  db: Kysely<Database>,
  questions: { id: number; productName: string; created_at: Date; is_answered: boolean; type_id: number }[],
): Promise<void> {
  const postings = questions.flatMap((q) =>
    productNameTokens(q.productName).map((token) => ({ token, question_id: q.id, created_at: q.created_at, is_answered: q.is_answered, type_id: q.type_id })),
  );
  if (postings.length === 0) return;
  const vocabulary = [...new Set(postings.map((p) => p.token))].map((token) => ({ token }));
  await db.insertInto('name_tokens').ignore().values(vocabulary).execute();
  // Chunked: five placeholders a row, and a statement holds at most 65,535.
  for (let i = 0; i < postings.length; i += 10_000) await db.insertInto('question_name_tokens').ignore().values(postings.slice(i, i + 10_000)).execute();
}
