import { nameSchemas } from '@brandi/http';
import Type, { type Static, type TSchema } from 'typebox';
import { DETAIL_HTML_MAX_DEPTH, DETAIL_HTML_MAX_LENGTH } from '../upload/detail-html.js';

const Id = Type.Integer({ minimum: 1, maximum: 4294967295 });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const OrderQty = Type.Integer({ minimum: 1, maximum: 20 });
const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: '\\S' });

const OptionFields = {
  color: Text(50),
  size: Text(50),
  stock: Nullable(Type.Integer({ minimum: 0, maximum: 1_000_000_000, description: 'null when stock is not managed' })),
};

// Every product field a seller edits; keys, URLs and codes are the server's and so are not allowed here.
const EditableFields = {
  name: Text(100),
  firstCategoryId: Id,
  secondCategoryId: Id,
  simpleDescription: Nullable(Type.String({ maxLength: 100 })),
  detailHtml: Type.String({
    maxLength: DETAIL_HTML_MAX_LENGTH,
    description: `Sanitized: no script, no event handlers, no javascript: URLs; a link with target="_blank" gets rel="noopener noreferrer", other targets are dropped. At most ${DETAIL_HTML_MAX_DEPTH} levels of nested elements, and at most ${DETAIL_HTML_MAX_LENGTH} characters once sanitized (400 otherwise)`,
  }),
  price: Type.Integer({ minimum: 10, maximum: 100_000_000, multipleOf: 10 }),
  discountRate: Type.Integer({ minimum: 0, maximum: 99 }),
  discountStartsAt: Nullable(Type.String({ format: 'date-time' })),
  discountEndsAt: Nullable(Type.String({ format: 'date-time', description: 'null = no end' })),
  minOrderQty: OrderQty,
  maxOrderQty: OrderQty,
  isOnSale: Type.Boolean(),
  isDisplayed: Type.Boolean(),
};

export const NewProductBody = Type.Object(
  {
    sellerId: Type.Optional({ ...Id, description: 'Admin only: the seller the product is for' }),
    name: EditableFields.name,
    firstCategoryId: EditableFields.firstCategoryId,
    secondCategoryId: EditableFields.secondCategoryId,
    simpleDescription: Type.Optional(EditableFields.simpleDescription),
    detailHtml: Type.Optional(EditableFields.detailHtml),
    price: EditableFields.price,
    discountRate: Type.Optional(EditableFields.discountRate),
    discountStartsAt: Type.Optional(EditableFields.discountStartsAt),
    discountEndsAt: Type.Optional(EditableFields.discountEndsAt),
    minOrderQty: Type.Optional(EditableFields.minOrderQty),
    maxOrderQty: Type.Optional(EditableFields.maxOrderQty),
    isOnSale: Type.Optional(EditableFields.isOnSale),
    isDisplayed: Type.Optional(EditableFields.isDisplayed),
    options: Type.Array(Type.Object(OptionFields, { additionalProperties: false }), { minItems: 1, maxItems: 200 }),
  },
  { additionalProperties: false },
);
export type NewProductBody = Static<typeof NewProductBody>;

/** Any subset of the fields; `options`, when given, is the whole final list (an `id` keeps that option). */
export const ProductPatch = Type.Object(
  {
    ...Type.Partial(Type.Object(EditableFields)).properties,
    options: Type.Optional(
      Type.Array(Type.Object({ id: Type.Optional(Id), ...OptionFields }, { additionalProperties: false }), { minItems: 1, maxItems: 200 }),
    ),
  },
  { additionalProperties: false },
);
export type ProductPatch = Static<typeof ProductPatch>;

export const ImageOrder = Type.Array(
  Type.Union([
    Type.Object({ id: Id }, { additionalProperties: false, description: 'An existing image of this product' }),
    Type.Object({ file: Type.Integer({ minimum: 0, maximum: 4 }) }, { additionalProperties: false, description: 'The nth uploaded file' }),
  ]),
  { minItems: 1, maxItems: 5, description: 'The final image list, first = main image' },
);
export type ImageOrder = Static<typeof ImageOrder>;

export const PatchJsonBody = Type.Object(
  { product: Type.Optional(ProductPatch), imageOrder: Type.Optional(ImageOrder) },
  { additionalProperties: false, description: 'Without new files; use multipart/form-data to add images' },
);
export type PatchJsonBody = Static<typeof PatchJsonBody>;

// Their names in the OpenAPI document (components/schemas).
nameSchemas({
  NewProduct: NewProductBody,
  NewProductOption: NewProductBody.properties.options.items,
  ProductPatch,
  ImageOrder,
  ProductChange: PatchJsonBody,
});
