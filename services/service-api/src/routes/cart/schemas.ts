import Type, { type Static } from 'typebox';

const Id = Type.Integer({ minimum: 1, maximum: 4294967295 });
const Money = Type.Integer({ minimum: 0 });

export const LINE_PROBLEMS = ['sold_out', 'insufficient_stock', 'not_purchasable', 'quantity_out_of_range'] as const;
export type LineProblem = (typeof LINE_PROBLEMS)[number];

export const OptionParams = Type.Object({ optionId: Id });
export const CartQuantityBody = Type.Object({ quantity: Type.Integer({ minimum: 1, maximum: 99 }) }, { additionalProperties: false });

export const CartView = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          optionId: Id,
          product: Type.Object(
            { id: Id, name: Type.String(), imageUrl: Type.Union([Type.String(), Type.Null()]) },
            { additionalProperties: false },
          ),
          color: Type.String(),
          size: Type.String(),
          quantity: Type.Integer({ minimum: 1 }),
          unitPrice: Money,
          lineTotal: Money,
          problem: Type.Union([Type.Enum(LINE_PROBLEMS), Type.Null()], {
            description: 'Null, or why the line cannot be ordered now (left out of the totals)',
          }),
        },
        { additionalProperties: false },
      ),
    ),
    sellers: Type.Array(
      Type.Object(
        {
          seller: Type.Object({ id: Id, name: Type.String() }, { additionalProperties: false }),
          subtotal: Money,
          shippingFee: Money,
        },
        { additionalProperties: false },
      ),
      { description: 'Shipping is 3,000 KRW per seller whose lines total under 50,000 KRW' },
    ),
    itemsTotal: Money,
    shippingTotal: Money,
    total: Money,
  },
  { additionalProperties: false },
);
export type CartView = Static<typeof CartView>;
