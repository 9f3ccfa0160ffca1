import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { OrdersTables } from './orders-schema.js';

export type SellerGroup = 'shop' | 'brand' | 'beauty';
export type SellerRole = 'seller' | 'admin';
export type SellerStatus = 'pending' | 'active' | 'paused' | 'closing' | 'closed';
export type RevisionAction = 'create' | 'update' | 'delete';
export type StorageObjectState = 'pending' | 'live' | 'doomed' | 'sweeping' | 'deleted';

/** A JSON column: written as a JSON string, read back parsed (see JsonColumnsPlugin). */
export type JsonColumn<T> = ColumnType<T, string, string>;

/** `{ field, before, after }` rows kept on product and seller revisions. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** Timestamps default to CURRENT_TIMESTAMP(3) in the schema. */
type CreatedAt = ColumnType<Date, Date | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | undefined, Date>;

export interface SellerAttributeTable {
  id: number;
  name: string;
  group_code: SellerGroup;
}

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

export interface SellerTable {
  id: Generated<number>;
  login_id: string;
  password_hash: string;
  role: SellerRole;
  status: SellerStatus;
  /** Null only for admins, who belong to no seller group. */
  attribute_id: number | null;
  name_ko: string;
  name_en: string;
  cs_phone: string | null;
  site_url: string | null;
  manager_name: string | null;
  manager_phone: string | null;
  manager_email: string | null;
  image_url: string | null;
  simple_description: string | null;
  sales_count: Generated<number>;
  version: Generated<number>;
  /** Bumped by a password change; tokens carry it (claim `tv`) and older ones are refused. */
  token_version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** Line history of a seller: one row per version, valid over [valid_from, valid_to). */
export interface SellerRevisionTable {
  id: Generated<number>;
  seller_id: number;
  version: number;
  valid_from: Date;
  valid_to: Date | null;
  changed_by: number | null;
  changes: JsonColumn<FieldChange[]>;
  snapshot: JsonColumn<Record<string, unknown>>;
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

export interface ShopperTable {
  id: Generated<number>;
  login_id: string;
  password_hash: string;
  name: string;
  email: string | null;
  phone: string | null;
  /** Bumped by a password change; tokens carry it (claim `tv`) and older ones are refused. */
  token_version: Generated<number>;
  created_at: CreatedAt;
}

export interface QuestionTypeTable {
  id: number;
  name: string;
  position: number;
}

export interface QuestionTable {
  id: Generated<number>;
  product_id: number;
  /** The product's seller, copied so the back-office inbox lists by an index. */
  seller_id: number;
  shopper_id: number;
  type_id: number;
  content: string;
  is_private: boolean;
  is_answered: Generated<boolean>;
  created_at: CreatedAt;
  deleted_at: Date | null;
}

export interface AnswerTable {
  id: Generated<number>;
  question_id: number;
  author_id: number;
  content: string;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

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

/** Live questions per day (Asia/Seoul), type and answered state, kept by triggers (migration 20261201000500). */
export interface QuestionCountTable {
  question_day: ColumnType<Date, never, never>;
  type_id: ColumnType<number, never, never>;
  is_answered: ColumnType<boolean, never, never>;
  question_count: ColumnType<number, never, never>;
}

/** Live products per seller and the two flags, kept by triggers (migration 20261201000600). */
export interface SellerProductCountTable {
  seller_id: ColumnType<number, never, never>;
  is_on_sale: ColumnType<boolean, never, never>;
  is_displayed: ColumnType<boolean, never, never>;
  product_count: ColumnType<number, never, never>;
}

/** A posting per distinct product-name token of every live question, kept by triggers (migration 20261201000700). */
export interface QuestionNameTokenTable {
  token: string;
  question_id: number;
  created_at: Date;
  is_answered: boolean;
  type_id: number;
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

/** The upload ledger: every object key the services write, from before its upload until it is deleted. */
export interface StorageObjectTable {
  id: Generated<number>;
  object_key: string;
  state: StorageObjectState;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  last_error: string | null;
}

export interface Database extends OrdersTables {
  seller_attributes: SellerAttributeTable;
  main_categories: MainCategoryTable;
  first_categories: FirstCategoryTable;
  second_categories: SecondCategoryTable;
  sellers: SellerTable;
  seller_revisions: SellerRevisionTable;
  products: ProductTable;
  product_images: ProductImageTable;
  product_options: ProductOptionTable;
  product_revisions: ProductRevisionTable;
  product_counts: ProductCountTable;
  product_discounts: ProductDiscountTable;
  name_tokens: NameTokenTable;
  product_name_tokens: ProductNameTokenTable;
  product_name_token_pairs: ProductNameTokenPairTable;
  question_counts: QuestionCountTable;
  question_name_tokens: QuestionNameTokenTable;
  product_token_facets: ProductTokenFacetTable;
  seller_product_counts: SellerProductCountTable;
  shoppers: ShopperTable;
  question_types: QuestionTypeTable;
  questions: QuestionTable;
  answers: AnswerTable;
  storage_objects: StorageObjectTable;
}

export type Seller = Selectable<SellerTable>;
export type NewSeller = Insertable<SellerTable>;
export type SellerUpdate = Updateable<SellerTable>;
export type Product = Selectable<ProductTable>;
export type NewProduct = Insertable<ProductTable>;
export type ProductUpdate = Updateable<ProductTable>;
export type ProductImage = Selectable<ProductImageTable>;
export type NewProductImage = Insertable<ProductImageTable>;
export type ProductOption = Selectable<ProductOptionTable>;
export type NewProductOption = Insertable<ProductOptionTable>;
export type ProductRevision = Selectable<ProductRevisionTable>;
export type Shopper = Selectable<ShopperTable>;
export type NewShopper = Insertable<ShopperTable>;
export type Question = Selectable<QuestionTable>;
export type NewQuestion = Insertable<QuestionTable>;
export type Answer = Selectable<AnswerTable>;
export type StorageObject = Selectable<StorageObjectTable>;
