import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

// Table types of the orders domain (migrations 20261202000100 … 0400), composed into Database in schema/index.ts.

export type OrderItemStatus = 'paid' | 'preparing' | 'shipping' | 'delivered' | 'confirmed' | 'cancelled' | 'refund_requested' | 'refunded';
export type OrderActorKind = 'shopper' | 'seller' | 'admin' | 'system';
export type ReviewFit = 'fits' | 'small' | 'large';

type CreatedAt = ColumnType<Date, Date | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | undefined, Date>;

export interface OrderCancelReasonTable {
  id: number;
  name: string;
  /** 상품품절 (3) is for sellers and admins only. */
  shopper_allowed: boolean;
}

export interface OrderRefundReasonTable {
  id: number;
  name: string;
}

export interface CarrierTable {
  id: number;
  name: string;
}

/** A shopper's shipping address; at most 5 per shopper, exactly one default while any exist. */
export interface AddressTable {
  id: Generated<number>;
  shopper_id: number;
  recipient: string;
  phone: string;
  zip_code: string;
  address1: string;
  address2: string;
  is_default: boolean;
  created_at: CreatedAt;
}

/** One line per shopper × option (no foreign key to the option: option rows are rewritten on product edits). */
export interface CartLineTable {
  shopper_id: number;
  option_id: number;
  quantity: number;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface OrderTable {
  id: Generated<number>;
  /** KST day (YYYYMMDD) + the order id zero-padded to at least 6 digits; set right after the insert. */
  order_no: string | null;
  shopper_id: number;
  orderer_name: string;
  orderer_phone: string;
  /** orderer_phone without hyphens: the desk's phone search is a prefix of this. */
  orderer_phone_digits: string;
  orderer_email: string;
  recipient: string;
  recipient_phone: string;
  zip_code: string;
  address1: string;
  address2: string;
  shipping_memo: string | null;
  items_total: number;
  shipping_total: number;
  /** What was charged at placement (refunds are derived from the items and groups). */
  total: number;
  placed_at: Date;
}

export interface OrderItemTable {
  id: Generated<number>;
  order_id: number;
  /** `${orderNo}-${n}`, n from 1 within the order. */
  item_no: string;
  seller_id: number;
  /** The order's shopper and placed_at, copied so each list reads one index in order. */
  shopper_id: number;
  placed_at: Date;
  product_id: number;
  option_id: number;
  product_name: string;
  product_code: string;
  option_color: string;
  option_size: string;
  quantity: number;
  unit_price: number;
  line_total: number;
  status: OrderItemStatus;
  status_changed_at: Date;
  carrier_id: number | null;
  tracking_no: string | null;
  cancel_reason_id: number | null;
  refund_reason_id: number | null;
  refund_detail: string | null;
  refund_amount: number | null;
}

/**
 * Line history of an item's status: valid over [valid_from, valid_to). `reason_id` is a cancel reason on a
 * `cancelled` row and a refund reason on a `refund_requested` row; `reason_text` is the refund detail or a
 * seller's rejectReason. actor_id is null for the system.
 */
export interface OrderItemHistoryTable {
  id: Generated<number>;
  order_item_id: number;
  status: OrderItemStatus;
  valid_from: Date;
  valid_to: Date | null;
  actor_kind: OrderActorKind;
  actor_id: number | null;
  reason_id: number | null;
  reason_text: string | null;
  carrier_id: number | null;
  tracking_no: string | null;
}

/** A seller's part of an order: its lines' subtotal and shipping fee (refunded once all its items are). */
export interface OrderSellerGroupTable {
  order_id: number;
  seller_id: number;
  subtotal: number;
  shipping_fee: number;
  shipping_refunded: Generated<boolean>;
}

/** Order items per seller and status, kept by triggers on order_items (migration 20261202000300). Read-only. */
export interface OrderItemCountTable {
  seller_id: ColumnType<number, never, never>;
  status: ColumnType<OrderItemStatus, never, never>;
  item_count: ColumnType<number, never, never>;
}

/** Which name of an order item a name token is of: its product name or its order's orderer name. */
export type OrderNameField = 'product' | 'orderer';

/**
 * A posting per order item, name field and distinct token of that name, with the columns the order desk filters
 * and orders by and the name itself; kept by triggers on order_items and orders (migration 20261203000100).
 */
export interface OrderItemNameTokenTable {
  field: OrderNameField;
  token: string;
  placed_at: Date;
  order_item_id: number;
  seller_id: number;
  status: OrderItemStatus;
  status_changed_at: Date;
  name: string;
}

/** A checkout's Idempotency-Key, claimed inside the checkout's transaction; answers retries for 24 h. */
export interface IdempotencyRecordTable {
  id: Generated<number>;
  shopper_id: number;
  idem_key: string;
  /** sha256 hex of the canonical request body. */
  request_hash: string;
  response_status: number | null;
  /** The response body as JSON text. */
  response_body: string | null;
  created_at: Date;
}

export interface ReviewTable {
  id: Generated<number>;
  /** Unique: an item is reviewed once (a soft-deleted review still counts). */
  order_item_id: number;
  product_id: number;
  shopper_id: number;
  option_color: string;
  option_size: string;
  rating: number;
  fit: ReviewFit;
  content: string;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  deleted_at: Date | null;
}

/** Live reviews of a product summarised, updated in every review write's transaction. */
export interface ProductReviewStatsTable {
  product_id: number;
  review_count: Generated<number>;
  rating_sum: Generated<number>;
  rating_1: Generated<number>;
  rating_2: Generated<number>;
  rating_3: Generated<number>;
  rating_4: Generated<number>;
  rating_5: Generated<number>;
  fit_fits: Generated<number>;
  fit_small: Generated<number>;
  fit_large: Generated<number>;
}

export interface OrdersTables {
  order_cancel_reasons: OrderCancelReasonTable;
  order_refund_reasons: OrderRefundReasonTable;
  carriers: CarrierTable;
  addresses: AddressTable;
  cart_lines: CartLineTable;
  orders: OrderTable;
  order_items: OrderItemTable;
  order_item_history: OrderItemHistoryTable;
  order_seller_groups: OrderSellerGroupTable;
  order_item_counts: OrderItemCountTable;
  order_item_name_tokens: OrderItemNameTokenTable;
  idempotency_records: IdempotencyRecordTable;
  reviews: ReviewTable;
  product_review_stats: ProductReviewStatsTable;
}

export type Address = Selectable<AddressTable>;
export type Order = Selectable<OrderTable>;
export type NewOrder = Insertable<OrderTable>;
export type OrderItem = Selectable<OrderItemTable>;
export type NewOrderItem = Insertable<OrderItemTable>;
export type OrderItemHistory = Selectable<OrderItemHistoryTable>;
export type NewOrderItemHistory = Insertable<OrderItemHistoryTable>;
export type Review = Selectable<ReviewTable>;
