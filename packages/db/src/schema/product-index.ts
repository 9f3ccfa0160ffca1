import type { ColumnType } from 'kysely';

// The product index: tables derived from products (and sellers) by triggers inside every writing transaction,
// which the lists read instead of counting or scanning products. Rebuilt by `pnpm db:rebuild-indexes`.

/**
 * Live (not deleted) products per registration day in Asia/Seoul, seller attribute (0: none) and flags, kept
 * by triggers on products and sellers (migration 20261130000100). Read-only for application code.
 */
export interface ProductCountTable {
  registered_day: ColumnType<Date, never, never>;
  attribute_id: ColumnType<number, never, never>;
  is_on_sale: ColumnType<boolean, never, never>;
  is_displayed: ColumnType<boolean, never, never>;
  product_count: ColumnType<number, never, never>;
}

/** Live products with a discount set (rate > 0) and their window, kept by triggers (migration 20261130000200). */
export interface ProductDiscountTable {
  product_id: ColumnType<number, never, never>;
  seller_id: ColumnType<number, never, never>;
  starts_at: ColumnType<Date | null, never, never>;
  ends_at: ColumnType<Date | null, never, never>;
  created_at: ColumnType<Date, never, never>;
  is_on_sale: ColumnType<boolean, never, never>;
  is_displayed: ColumnType<boolean, never, never>;
}

/** Live products per seller and the two flags, kept by triggers (migration 20261201000600). */
export interface SellerProductCountTable {
  seller_id: ColumnType<number, never, never>;
  is_on_sale: ColumnType<boolean, never, never>;
  is_displayed: ColumnType<boolean, never, never>;
  product_count: ColumnType<number, never, never>;
}

/** Per live product and distinct name token, the columns the back-office list filters by (migration 20261201000800). */
export interface ProductTokenFacetTable {
  token: string;
  created_at: Date;
  product_id: number;
  seller_id: number;
  is_on_sale: boolean;
  is_displayed: boolean;
  discount_rate: number;
  discount_starts_at: Date | null;
  discount_ends_at: Date | null;
  name: string;
}

/** The vocabulary of product-name tokens (runs between spaces), insert-only (migration 20261130000300). */
export interface NameTokenTable {
  token: string;
}

/** A posting per distinct name token of every live product, kept by triggers (migration 20261130000300). */
export interface ProductNameTokenTable {
  token: string;
  product_id: number;
}

/** A posting per pair of distinct name tokens (token_a < token_b, binary) of every live product (migration 20261201000400). */
export interface ProductNameTokenPairTable {
  token_a: string;
  token_b: string;
  product_id: number;
}

export interface ProductIndexTables {
  product_counts: ProductCountTable;
  product_discounts: ProductDiscountTable;
  seller_product_counts: SellerProductCountTable;
  name_tokens: NameTokenTable;
  product_name_tokens: ProductNameTokenTable;
  product_name_token_pairs: ProductNameTokenPairTable;
  product_token_facets: ProductTokenFacetTable;
}
