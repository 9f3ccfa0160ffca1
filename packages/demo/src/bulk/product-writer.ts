import { indexProductFacets, indexProductNames, indexQuestionNames, type NewProduct } from '@brandi/db';
import { createRandom } from '../random.js';
import { buildChildren } from './product-rows.js';
import type { Conn } from './session.js';

// Writes one batch of bulk products with their options and questions, and the name and facet postings the
// triggers would have written (the bulk session skips them: @skip_product_counts).

export interface ChildOptions {
  optionsPerProduct: number;
  questionsPerProduct: number;
  shopperRange: { min: number; max: number };
  now: Date;
}

/** Inserts batch `b`'s products, then their postings, options and questions (its own seeded PRNG). */
export async function insertProductBatch(
  conn: Conn,
  b: number,
  batch: { products: NewProduct[]; sellerIds: number[] },
  children: ChildOptions,
): Promise<void> {
  const result = await conn.insertInto('products').values(batch.products).executeTakeFirstOrThrow();
  // A multi-row INSERT gets consecutive auto-increment ids from the first one (innodb_autoinc_lock_mode 0/1).
  const firstId = Number(result.insertId);
  const live = batch.products.flatMap((product, k) => (product.deleted_at ? [] : [{ id: firstId + k, name: product.name }]));
  await indexProductNames(conn, live);
  await indexProductFacets(
    conn,
    batch.products.flatMap((product, k) =>
      product.deleted_at
        ? []
        : [
            {
              id: firstId + k,
              name: product.name,
              created_at: product.created_at as Date,
              seller_id: product.seller_id,
              is_on_sale: product.is_on_sale ?? true,
              is_displayed: product.is_displayed ?? true,
              discount_rate: product.discount_rate ?? 0,
              discount_starts_at: product.discount_starts_at ?? null,
              discount_ends_at: product.discount_ends_at ?? null,
            },
          ],
    ),
  );
  const { options, questions } = buildChildren(createRandom(5000 + b), firstId, batch.sellerIds, children);
  if (options.length) await conn.insertInto('product_options').values(options).execute();
  if (questions.length) {
    const inserted = await conn.insertInto('questions').values(questions).executeTakeFirstOrThrow();
    // Consecutive ids from the first, as for products; each question's postings come from its product's name.
    const firstQuestionId = Number(inserted.insertId);
    await indexQuestionNames(
      conn,
      questions.flatMap((q, k) =>
        q.deleted_at
          ? []
          : [
              {
                id: firstQuestionId + k,
                productName: batch.products[q.product_id - firstId].name,
                created_at: q.created_at,
                is_answered: q.is_answered,
                type_id: q.type_id,
              },
            ],
      ),
    );
  }
}
