// One session switch per trigger family: a session that sets one (`SET @skip_product_discounts = 1`) writes
// products without that family's upkeep and must rebuild it before anyone reads (the bulk loader does).
// Migration 20261202003000 gave the discount and name-index families their own switch; before it,
// @skip_product_counts switched off all three.

export const PRODUCT_INDEX_SWITCHES = {
  /** product_counts, seller_product_counts, question_counts; rebuildProductCounts. */
  counts: '@skip_product_counts',
  /** product_discounts; rebuildProductDiscounts. */
  discounts: '@skip_product_discounts',
  /** name_tokens, product_name_tokens, product_name_token_pairs, product_token_facets, question_name_tokens; rebuildProductNameIndex. */
  nameIndex: '@skip_product_name_index',
} as const;

export type ProductIndexFamily = keyof typeof PRODUCT_INDEX_SWITCHES;

/** The triggers each family's switch guards (the counts family tests it in its procedures, not its triggers). */
export const PRODUCT_INDEX_TRIGGERS: Record<ProductIndexFamily, string[]> = {
  counts: [],
  discounts: ['products_discount_insert', 'products_discount_update', 'products_discount_delete'],
  nameIndex: [
    'products_name_insert',
    'products_name_update',
    'products_name_delete',
    'products_facets_insert',
    'products_facets_update',
    'products_facets_delete',
    'questions_name_insert',
    'questions_name_update',
    'questions_name_delete',
    'products_question_names_update',
  ],
};
