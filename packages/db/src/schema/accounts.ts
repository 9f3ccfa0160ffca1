import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { CreatedAt, FieldChange, JsonColumn, UpdatedAt } from './columns.js';

// Accounts: sellers (and admins, who are sellers with the admin role), their line history, and shoppers.

export type SellerGroup = 'shop' | 'brand' | 'beauty';
export type SellerRole = 'seller' | 'admin';
export type SellerStatus = 'pending' | 'active' | 'paused' | 'closing' | 'closed';

export interface SellerAttributeTable {
  id: number;
  name: string;
  group_code: SellerGroup;
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

export interface AccountTables {
  seller_attributes: SellerAttributeTable;
  sellers: SellerTable;
  seller_revisions: SellerRevisionTable;
  shoppers: ShopperTable;
}

export type Seller = Selectable<SellerTable>;
export type NewSeller = Insertable<SellerTable>;
export type SellerUpdate = Updateable<SellerTable>;
export type Shopper = Selectable<ShopperTable>;
export type NewShopper = Insertable<ShopperTable>;
