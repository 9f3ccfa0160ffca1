import type { Kysely } from 'kysely';
import type { Database, ProductTokenFacetTable } from '../schema.js';
import { productNameTokens } from './product-counts.repository.js';

/** A live product as its facet rows hold it: the row's columns but the token, its key as `id`. */
export type FacetedProduct = Omit<ProductTokenFacetTable, 'token' | 'product_id'> & { id: number };

/**
 * Adds the product_token_facets rows (and vocabulary) of live products written with @skip_product_counts set
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
