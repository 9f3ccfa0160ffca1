import { IdList, OffsetQuery, pagedResponse } from '@brandi/http';
import { ORDER_ITEM_MOVES, ORDER_ITEM_STATUSES, type MoveNeed } from '@brandi/orders';
import Type, { type Static, type TSchema } from 'typebox';

const Id = Type.Integer({ minimum: 1, maximum: 4294967295 });
const Time = Type.String({ format: 'date-time' });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Named = Type.Object({ id: Id, name: Type.String() }, { additionalProperties: false });
const Day = Type.String({ format: 'date', description: 'A calendar day in Asia/Seoul (YYYY-MM-DD), inclusive' });

const Status = Type.Enum([...ORDER_ITEM_STATUSES]);
const STATUS_LIST = ORDER_ITEM_STATUSES.join('|');

const NEED_TEXT: Record<MoveNeed, string> = {
  cancelReason: 'reasonId',
  refundReason: 'reasonId',
  shipment: 'carrierId + trackingNo',
  rejectReason: 'rejectReason',
};
/** The desk's moves, read from the move table of @brandi/orders. */
const DESK_MOVES = ORDER_ITEM_MOVES.filter((m) => m.by.includes('seller'));
const DESK_TARGETS = [...new Set(DESK_MOVES.map((m) => m.to))];

/** Minimum lengths of the prefix searches: a shorter prefix matches a large part of every order ever placed. */
export const MIN_NUMBER_PREFIX = 8;
export const MIN_PHONE_DIGITS = 7;

const SEARCH_FIELDS = ['orderNo', 'itemNo', 'ordererName', 'ordererPhone', 'productName', 'sellerName'] as const;
export type OrderSearchField = (typeof SEARCH_FIELDS)[number];

/** The filters shared by GET /orders and GET /orders/export (no paging, no sort). */
export const OrderFilterQuery = Type.Object({
  status: Type.Optional(
    Type.String({
      pattern: `^\\s*(${STATUS_LIST})\\s*(,\\s*(${STATUS_LIST})\\s*)*$`,
      description: `Item statuses, comma separated (${ORDER_ITEM_STATUSES.join(', ')})`,
      examples: ['paid,preparing'],
    }),
  ),
  dateField: Type.Optional(
    Type.Union([Type.Literal('placed'), Type.Literal('status')], {
      description: '`from`/`to` and the sort apply to the order time (placed, the default) or the time of the current status',
    }),
  ),
  from: Type.Optional(Day),
  to: Type.Optional(Day),
  searchField: Type.Optional(
    Type.Enum([...SEARCH_FIELDS], {
      description:
        `What \`q\` searches. orderNo, itemNo: exact, or a prefix of at least ${MIN_NUMBER_PREFIX} characters (the order's KST day); ` +
        `ordererPhone: a prefix of at least ${MIN_PHONE_DIGITS} digits, hyphens and spaces ignored; ` +
        'ordererName, productName (the name as ordered), sellerName (Korean or English; admin only): contains',
    }),
  ),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'The search text; needs `searchField`' })),
  sellerId: Type.Optional({ ...Id, description: 'Admin only; a seller only ever sees its own items' }),
});
export type OrderFilterQuery = Static<typeof OrderFilterQuery>;

export const OrderListQuery = Type.Object({
  ...OffsetQuery.properties,
  ...OrderFilterQuery.properties,
  sort: Type.Optional(
    Type.Union([Type.Literal('newest'), Type.Literal('oldest')], { default: 'newest', description: 'On the chosen date; id breaks ties' }),
  ),
});
export type OrderListQuery = Static<typeof OrderListQuery>;

export const OrderExportQuery = Type.Object({
  ...OrderFilterQuery.properties,
  ids: Type.Optional({ ...IdList, description: 'Only these items (combined with any other filter); ids outside your scope are skipped' }),
});

export const OrderListItem = Type.Object(
  {
    id: Id,
    itemNo: Type.String(),
    orderNo: Type.String(),
    placedAt: Time,
    status: Status,
    statusChangedAt: Time,
    product: Type.Object({ id: Id, code: Type.String(), name: Type.String() }, { additionalProperties: false }),
    option: Type.Object({ color: Type.String(), size: Type.String() }, { additionalProperties: false }),
    quantity: Type.Integer({ minimum: 1 }),
    unitPrice: Type.Integer({ minimum: 0 }),
    lineTotal: Type.Integer({ minimum: 0 }),
    orderer: Type.Object({ name: Type.String(), phone: Type.String() }, { additionalProperties: false }),
    seller: Type.Object({ id: Id, nameKo: Type.String() }, { additionalProperties: false }),
    carrier: Nullable(Named),
    trackingNo: Nullable(Type.String()),
    cancel: Nullable(Type.Object({ reason: Type.String() }, { additionalProperties: false })),
    refund: Nullable(
      Type.Object(
        { reason: Type.String(), detail: Nullable(Type.String()), amount: Nullable(Type.Integer({ minimum: 0 })) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type OrderListItem = Static<typeof OrderListItem>;
export const OrderPage = pagedResponse(OrderListItem);

const Count = Type.Integer({ minimum: 0 });
export const OrderSummary = Type.Object(
  {
    paid: Count,
    preparing: Count,
    shipping: Count,
    delivered: Count,
    confirmed: Count,
    cancelled: Count,
    refundRequested: Count,
    refunded: Count,
  },
  { additionalProperties: false },
);
export type OrderSummary = Static<typeof OrderSummary>;

export const OrderItemDetail = Type.Object(
  {
    ...OrderListItem.properties,
    orderer: Type.Object({ name: Type.String(), phone: Type.String(), email: Type.String() }, { additionalProperties: false }),
    shipping: Type.Object(
      {
        recipient: Type.String(),
        phone: Type.String(),
        zipCode: Type.String(),
        address1: Type.String(),
        address2: Type.String(),
      },
      { additionalProperties: false },
    ),
    shippingMemo: Nullable(Type.String()),
    history: Type.Array(
      Type.Object(
        {
          status: Status,
          validFrom: Time,
          validTo: Nullable(Time),
          changedBy: Nullable(
            Type.Object(
              { id: Id, role: Type.Enum(['shopper', 'seller', 'admin']), name: Type.String() },
              { additionalProperties: false, description: 'null when the system made the move (auto-confirmation)' },
            ),
          ),
          reason: Nullable(Type.String({ description: 'The cancel or refund reason (with the detail), or why a refund was rejected' })),
        },
        { additionalProperties: false },
      ),
      { description: 'Newest first; each status is valid from its move until the next' },
    ),
  },
  { additionalProperties: false },
);
export type OrderItemDetail = Static<typeof OrderItemDetail>;

export const OrderItemParams = Type.Object({ id: Id }, { additionalProperties: false });
export const NoQuery = Type.Object({});

const TrackingNo = Type.String({ minLength: 1, maxLength: 50, pattern: '^[0-9A-Za-z-]+$', description: 'Digits, letters and hyphens' });

export const TransitionBody = Type.Object(
  {
    itemIds: Type.Array(Id, { minItems: 1, maxItems: 100, description: '1–100 order item ids; each moves in its own transaction' }),
    to: Type.Enum(DESK_TARGETS, {
      description: `The legal moves: ${DESK_MOVES.map((m) => `${m.from} → ${m.to}${m.needs.length ? ` (${m.needs.map((n) => NEED_TEXT[n]).join(', ')})` : ''}`).join('; ')}`,
    }),
    carrierId: Type.Optional(Id),
    trackingNo: Type.Optional(TrackingNo),
    reasonId: Type.Optional({ ...Id, description: 'A cancel reason (GET /order-reasons of the shopper API); 3 상품품절 is allowed here' }),
    rejectReason: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type TransitionBody = Static<typeof TransitionBody>;

export const TransitionResults = Type.Object(
  {
    results: Type.Array(
      Type.Union([
        Type.Object({ itemId: Id, ok: Type.Literal(true), status: Status }, { additionalProperties: false }),
        Type.Object(
          {
            itemId: Id,
            ok: Type.Literal(false),
            error: Type.Object({ code: Type.String(), message: Type.String() }, { additionalProperties: false }),
          },
          { additionalProperties: false },
        ),
      ]),
    ),
  },
  { additionalProperties: false },
);
export type TransitionResult = Static<typeof TransitionResults>['results'][number];

export const ShippingBody = Type.Object({ carrierId: Id, trackingNo: TrackingNo }, { additionalProperties: false });

export const Carriers = Type.Array(Named);
