import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { CreatedAt, FieldChange, JsonColumn, UpdatedAt } from './columns.js';
import type { SellerGroup } from './accounts.js';

// The catalogue: the three category levels, products with their images and options, and their line history.

export type RevisionAction = 'create' | 'update' | 'delete';

export interface MainCategoryTable {
  id: number;
  name: string;
  group_code: SellerGroup;
}

export interface FirstCategoryTable {
  id: number;
  main_category_id: number;
  name: string;
  position: number;
}

export interface SecondCategoryTable {
  id: number;
  first_category_id: number;
  name: string;
  position: number;
}

export interface ProductTable {
  id: Generated<number>;
  seller_id: number;
  code: string;
  name: string;
  /** Derived from the first category; kept on the row so shopper lists filter by an index. */
  main_category_id: number;
  first_category_id: number;
  second_category_id: number;
  simple_description: string | null;
  detail_html: string;
  price: number;
  discount_rate: number;
  discount_starts_at: Date | null;
  discount_ends_at: Date | null;
  /** The discounted price and rate as of the last write or price refresh (indexed for price sorts). */
  effective_price: number;
  effective_discount_rate: number;
  min_order_qty: number;
  max_order_qty: number;
  is_on_sale: boolean;
  is_displayed: boolean;
  /** Object key of the image at position 0, denormalised for lists and exports. */
  main_image_key: string | null;
  /** Thumbnail key of that image (null until it has one), denormalised likewise. */
  main_thumbnail_key: string | null;
  sales_count: Generated<number>;
  /** Recommended-sort score: log10(sales + 1) + created_at seconds / 45000 (time-invariant). */
  ranking_score: number;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  deleted_at: Date | null;
}

export interface ProductImageTable {
  id: Generated<number>;
  product_id: number;
  object_key: string;
  /** The 360 px WebP list thumbnail beside the image; null for images stored before thumbnails existed. */
  thumbnail_key: string | null;
  position: number;
  width: number;
  height: number;
  created_at: CreatedAt;
}

export interface ProductOptionTable {
  id: Generated<number>;
  product_id: number;
  color: string;
  size: string;
  /** Null when the seller does not manage stock for this option. */
  stock: number | null;
  position: number;
}

/** Line history of a product: one row per version, valid over [valid_from, valid_to). */
export interface ProductRevisionTable {
  id: Generated<number>;
  product_id: number;
  version: number;
  valid_from: Date;
  valid_to: Date | null;
  changed_by: number;
  action: RevisionAction;
  snapshot: JsonColumn<Record<string, unknown>>;
  changes: JsonColumn<FieldChange[]>;
}

export interface CatalogueTables {
  main_categories: MainCategoryTable;
  first_categories: FirstCategoryTable;
  second_categories: SecondCategoryTable;
  products: ProductTable;
  product_images: ProductImageTable;
  product_options: ProductOptionTable;
  product_revisions: ProductRevisionTable;
}

export type Product = Selectable<ProductTable>;
export type NewProduct = Insertable<ProductTable>;
export type ProductUpdate = Updateable<ProductTable>;
export type ProductImage = Selectable<ProductImageTable>;
export type NewProductImage = Insertable<ProductImageTable>;
export type ProductOption = Selectable<ProductOptionTable>;
export type NewProductOption = Insertable<ProductOptionTable>;
export type ProductRevision = Selectable<ProductRevisionTable>;
