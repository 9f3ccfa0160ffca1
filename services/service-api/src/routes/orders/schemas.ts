import { ORDER_ITEM_STATUSES } from '@brandi/orders';
import Type, { type Static } from 'typebox';
import { Phone } from '../addresses/schemas.js';

const Id = Type.Integer({ minimum: 1, maximum: 4294967295 });
const Money = Type.Integer({ minimum: 0 });
const Time = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const ItemStatus = Type.Enum(ORDER_ITEM_STATUSES, {
  description:
    'paid 결제완료, preparing 상품준비, shipping 배송중, delivered 배송완료, confirmed 구매확정, cancelled 주문취소완료, refund_requested 환불요청, refunded 환불완료',
});

export const IdParams = Type.Object({ id: Id });

export const OrderLines = Type.Array(
  Type.Object({ optionId: Id, quantity: Type.Integer({ minimum: 1, maximum: 99 }) }, { additionalProperties: false }),
  { minItems: 1, maxItems: 50, description: '1–50 lines, each option at most once' },
);

export const QuoteBody = Type.Object({ items: OrderLines }, { additionalProperties: false });
export type QuoteBody = Static<typeof QuoteBody>;

export const PlaceOrderHeaders = Type.Object({
  'idempotency-key': Type.String({
    pattern: '^[\\x21-\\x7E]{1,64}$',
    description: '1–64 visible ASCII characters; a retry with the same key and body within 24 h answers the first response',
  }),
});

export const PlaceOrderBody = Type.Object(
  {
    items: OrderLines,
    addressId: Id,
    orderer: Type.Object(
      {
        name: Type.String({ minLength: 1, maxLength: 50, pattern: '\\S' }),
        phone: Phone,
        email: Type.String({ format: 'email', maxLength: 200 }),
      },
      { additionalProperties: false },
    ),
    shippingMemo: Type.Optional(Type.String({ maxLength: 100 })),
    expectedTotal: Type.Integer({
      minimum: 0,
      maximum: 2_000_000_000,
      description: 'The total the shopper saw; another total is 409 PRICE_CHANGED',
    }),
  },
  { additionalProperties: false },
);
export type PlaceOrderBody = Static<typeof PlaceOrderBody>;

const ProductRef = Type.Object({ id: Id, name: Type.String(), imageUrl: Nullable(Type.String()) }, { additionalProperties: false });
const OptionRef = Type.Object({ color: Type.String(), size: Type.String() }, { additionalProperties: false });

export const OrderDetail = Type.Object(
  {
    id: Id,
    orderNo: Type.String(),
    placedAt: Time,
    orderer: Type.Object({ name: Type.String(), phone: Type.String(), email: Type.String() }, { additionalProperties: false }),
    shipping: Type.Object(
      {
        recipient: Type.String(),
        phone: Type.String(),
        zipCode: Type.String(),
        address1: Type.String(),
        address2: Type.String(),
        memo: Nullable(Type.String()),
      },
      { additionalProperties: false },
    ),
    items: Type.Array(
      Type.Object(
        {
          id: Id,
          itemNo: Type.String(),
          product: ProductRef,
          option: OptionRef,
          quantity: Type.Integer({ minimum: 1 }),
          unitPrice: Money,
          lineTotal: Money,
          status: ItemStatus,
          statusChangedAt: Time,
          carrier: Nullable(Type.Object({ id: Id, name: Type.String() }, { additionalProperties: false })),
          trackingNo: Nullable(Type.String()),
          refundAmount: Nullable(Money),
          canCancel: Type.Boolean(),
          canRequestRefund: Type.Boolean(),
          canConfirm: Type.Boolean(),
          canReview: Type.Boolean(),
        },
        { additionalProperties: false },
      ),
    ),
    sellers: Type.Array(
      Type.Object(
        { seller: Type.Object({ id: Id, name: Type.String() }, { additionalProperties: false }), subtotal: Money, shippingFee: Money },
        { additionalProperties: false },
      ),
    ),
    itemsTotal: Money,
    shippingTotal: Money,
    total: Money,
    refundedTotal: Money,
  },
  { additionalProperties: false },
);
export type OrderDetail = Static<typeof OrderDetail>;

export const MyOrdersQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    status: Type.Optional(ItemStatus),
  },
  { additionalProperties: false },
);
export type MyOrdersQuery = Static<typeof MyOrdersQuery>;

export const OrderSummary = Type.Object(
  {
    id: Id,
    orderNo: Type.String(),
    placedAt: Time,
    total: Money,
    itemCount: Type.Integer({ minimum: 1 }),
    firstItem: Type.Object({ product: ProductRef, option: OptionRef }, { additionalProperties: false }),
    statuses: Type.Array(ItemStatus, { description: "The items' distinct statuses" }),
  },
  { additionalProperties: false },
);
export type OrderSummary = Static<typeof OrderSummary>;

export const MyOrdersPage = Type.Object(
  { items: Type.Array(OrderSummary), nextCursor: Nullable(Type.String()) },
  { additionalProperties: false },
);
