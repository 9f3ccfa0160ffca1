import type { Kysely } from 'kysely';
import type { Database, ProductTokenFacetTable } from '../schema/index.js';
import { productNameTokenPairs, productNameTokens } from './name-index.js';

/** A live product as its facet rows hold it: the row's columns but the token, its key as `id`. */
export type FacetedProduct = Omit<ProductTokenFacetTable, 'token' | 'product_id'> & { id: number };

/**
 * Adds the product_token_facets rows (and vocabulary) of live products written with @skip_product_name_index set
 * (the bulk loader, which has the names in hand): one per distinct name token, as the trigger of migration
 * 20261201000800 writes them.
 */
export async function indexProductFacets(db: Kysely<Database>, products: FacetedProduct[]): Promise<void> {
  const rows = products.flatMap((p) =>
    productNameTokens(p.name).map((token) => ({
      token,
      created_at: p.created_at,
      product_id: p.id,
      seller_id: p.seller_id,
      is_on_sale: p.is_on_sale,
      is_displayed: p.is_displayed,
      discount_rate: p.discount_rate,
      discount_starts_at: p.discount_starts_at,
      discount_ends_at: p.discount_ends_at,
      name: p.name,
    })),
  );
  if (rows.length === 0) return;
  await db
    .insertInto('name_tokens')
    .ignore()
    .values([...new Set(rows.map((r) => r.token))].map((token) => ({ token })))
    .execute();
  // Chunked: ten placeholders a row, and a statement holds at most 65,535.
  for (let i = 0; i < rows.length; i += 5_000)
    await db
      .insertInto('product_token_facets')
      .ignore()
      .values(rows.slice(i, i + 5_000))
      .execute();
}

/**
 * Adds the postings, pairs and vocabulary of products written with @skip_product_name_index set (the bulk loader,
 * which knows the names it inserted; splitting a million names in SQL would take ~35 s).
 */
export async function indexProductNames(db: Kysely<Database>, products: { id: number; name: string }[]): Promise<void> {
  const postings = products.flatMap(({ id, name }) => productNameTokens(name).map((token) => ({ token, product_id: id })));
  if (postings.length === 0) return;
  const vocabulary = [...new Set(postings.map((p) => p.token))].map((token) => ({ token }));
  await db.insertInto('name_tokens').ignore().values(vocabulary).execute();
  await db.insertInto('product_name_tokens').ignore().values(postings).execute();
  const pairs = products.flatMap(({ id, name }) =>
    productNameTokenPairs(name).map(([a, b]) => ({ token_a: a, token_b: b, product_id: id })),
  );
  // Chunked: a batch of long names has many pairs, and a statement holds at most 65,535 placeholders.
  for (let i = 0; i < pairs.length; i += 10_000)
    await db
      .insertInto('product_name_token_pairs')
      .ignore()
      .values(pairs.slice(i, i + 10_000))
      .execute();
}

/**
 * Adds the question postings (question_name_tokens) and vocabulary of questions written with
 * @skip_product_name_index set (the bulk loader), from their products' names.
 */
export async function indexQuestionNames(
  db: Kysely<Database>,
  questions: { id: number; productName: string; created_at: Date; is_answered: boolean; type_id: number }[],
): Promise<void> {
  const postings = questions.flatMap((q) =>
    productNameTokens(q.productName).map((token) => ({
      token,
      question_id: q.id,
      created_at: q.created_at,
      is_answered: q.is_answered,
      type_id: q.type_id,
    })),
  );
  if (postings.length === 0) return;
  const vocabulary = [...new Set(postings.map((p) => p.token))].map((token) => ({ token }));
  await db.insertInto('name_tokens').ignore().values(vocabulary).execute();
  // Chunked: five placeholders a row, and a statement holds at most 65,535.
  for (let i = 0; i < postings.length; i += 10_000)
    await db
      .insertInto('question_name_tokens')
      .ignore()
      .values(postings.slice(i, i + 10_000))
      .execute();
}
