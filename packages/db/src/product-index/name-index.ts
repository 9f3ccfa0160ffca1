import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../schema/index.js';

// The name index: name_tokens (the vocabulary), product_name_tokens (a posting per token of a live name),
// product_name_token_pairs, product_token_facets and question_name_tokens (migrations 20261130000300,
// 20261201000400, 20261201000700, 20261201000800). Its triggers honour @skip_product_name_index.

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
 * SQL: a derived table `t` (id, name, token) of every distinct-or-not token of `table`.`column` (the rows' `id`),
 * split as productNameTokens splits (on ' ', empty runs skipped); names of up to 100 characters (101 runs). The
 * rebuilds' tokenizer: splitting in SQL keeps a million names out of the client.
 */
export function nameTokenRows(table: string, column: string): RawBuilder<unknown> {
  const [x, name] = [sql.table(table), sql.ref(`x.${column}`)];
  return sql`(SELECT id, name, token FROM (
      WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 101)
      SELECT x.id, ${name} AS name,
        CAST(SUBSTRING_INDEX(SUBSTRING_INDEX(${name}, ' ', n.i), ' ', -1) AS CHAR(100) CHARACTER SET utf8mb4) COLLATE utf8mb4_bin AS token
      FROM ${x} x INNER JOIN n ON n.i <= 1 + CHAR_LENGTH(${name}) - CHAR_LENGTH(REPLACE(${name}, ' ', ''))
    ) s WHERE CHAR_LENGTH(token) > 0) t`;
}

/**
 * Recomputes every index of product names from the names (an operator's repair after writes that skipped the
 * triggers, @skip_product_name_index): the postings (product_name_tokens), their pairs (product_name_token_pairs), product_token_facets,
 * question_name_tokens, and the vocabulary (name_tokens, insert-only). Names are split once on ' ' (empty runs
 * skipped, as the index_product_name procedure splits them) into a temporary table keyed by product, from which
 * each index is filled. One transaction; it rewrites every row (~1 min at 1M products).
 */
export async function rebuildProductNameIndex(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`DROP TEMPORARY TABLE IF EXISTS name_split`.execute(trx);
    await sql`CREATE TEMPORARY TABLE name_split (
      product_id INT UNSIGNED NOT NULL,
      token VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
      PRIMARY KEY (product_id, token)
    ) ENGINE=InnoDB`.execute(trx);
    try {
      await sql`INSERT IGNORE INTO name_split (product_id, token) SELECT t.id, t.token FROM ${nameTokenRows('products', 'name')}`.execute(
        trx,
      );
      await sql`INSERT IGNORE INTO name_tokens (token) SELECT DISTINCT token FROM name_split`.execute(trx);
      await sql`DELETE FROM product_name_tokens`.execute(trx);
      await sql`INSERT INTO product_name_tokens (token, product_id)
        SELECT t.token, t.product_id FROM name_split t INNER JOIN products p ON p.id = t.product_id WHERE p.deleted_at IS NULL`.execute(
        trx,
      );
      await sql`DELETE FROM product_name_token_pairs`.execute(trx);
      await sql`INSERT INTO product_name_token_pairs (token_a, token_b, product_id)
        SELECT a.token, b.token, a.product_id FROM name_split a
        INNER JOIN name_split b ON b.product_id = a.product_id AND b.token > a.token
        INNER JOIN products p ON p.id = a.product_id WHERE p.deleted_at IS NULL`.execute(trx);
      await sql`DELETE FROM product_token_facets`.execute(trx);
      await sql`INSERT INTO product_token_facets (token, created_at, product_id, seller_id, is_on_sale, is_displayed, discount_rate, discount_starts_at, discount_ends_at, name)
        SELECT t.token, p.created_at, p.id, p.seller_id, p.is_on_sale, p.is_displayed, p.discount_rate, p.discount_starts_at, p.discount_ends_at, p.name
        FROM name_split t INNER JOIN products p ON p.id = t.product_id WHERE p.deleted_at IS NULL`.execute(trx);
      // Questions of deleted products too: the inbox lists them.
      await sql`DELETE FROM question_name_tokens`.execute(trx);
      await sql`INSERT INTO question_name_tokens (token, question_id, created_at, is_answered, type_id)
        SELECT t.token, q.id, q.created_at, q.is_answered, q.type_id
        FROM questions q INNER JOIN name_split t ON t.product_id = q.product_id WHERE q.deleted_at IS NULL`.execute(trx);
    } finally {
      await sql`DROP TEMPORARY TABLE IF EXISTS name_split`.execute(trx);
    }
  });
}
