import Type, { type Static } from 'typebox';

const Id = Type.Integer({ minimum: 1, maximum: 4294967295 });
const ReasonId = Type.Integer({ minimum: 1, maximum: 255 });

export const ItemParams = Type.Object({ id: Id }, { additionalProperties: false });

export const CancelBody = Type.Object(
  { reasonId: Type.Integer({ minimum: 1, maximum: 255, description: 'A cancel reason a shopper may give (GET /order-reasons)' }) },
  { additionalProperties: false },
);
export type CancelBody = Static<typeof CancelBody>;

export const RefundRequestBody = Type.Object(
  {
    reasonId: Type.Integer({ minimum: 1, maximum: 255, description: 'A refund reason (GET /order-reasons)' }),
    detail: Type.Optional(Type.String({ maxLength: 500, description: 'Optional, at most 500 characters' })),
  },
  { additionalProperties: false },
);
export type RefundRequestBody = Static<typeof RefundRequestBody>;

export const OrderReasons = Type.Object(
  {
    cancel: Type.Array(
      Type.Object({ id: ReasonId, name: Type.String(), shopperAllowed: Type.Boolean() }, { additionalProperties: false }),
      { description: 'shopperAllowed false (상품품절) is for sellers and admins only' },
    ),
    refund: Type.Array(Type.Object({ id: ReasonId, name: Type.String() }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
export type OrderReasons = Static<typeof OrderReasons>;

export const ConfirmBody = Type.Object({}, { additionalProperties: false, description: 'Nothing to send; the body may be omitted' });
