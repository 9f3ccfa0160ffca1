import { nameSchemas, OffsetQuery, pagedResponse } from '@brandi/http';
import Type, { type Static, type TSchema } from 'typebox';
import { ProductFilterQuery } from './filter-query.js';

const Id = Type.Integer({ minimum: 1, maximum: 4294967295 });
const Time = Type.String({ format: 'date-time' });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Named = Type.Object({ id: Id, name: Type.String() }, { additionalProperties: false });

export const ProductListQuery = Type.Object({
  ...OffsetQuery.properties,
  ...ProductFilterQuery.properties,
  sort: Type.Optional(
    Type.Union([Type.Literal('newest'), Type.Literal('oldest')], {
      default: 'newest',
      description: 'By registration time; id breaks ties',
    }),
  ),
});
export type ProductListQuery = Static<typeof ProductListQuery>;

export const ProductListItem = Type.Object(
  {
    id: Id,
    code: Type.String(),
    name: Type.String(),
    imageUrl: Nullable(Type.String()),
    thumbnailUrl: Nullable(
      Type.String({
        description: 'The 360 px wide WebP list thumbnail; the image itself until the thumbnail exists (null only without an image)',
      }),
    ),
    registeredAt: Time,
    seller: Type.Object({ id: Id, nameKo: Type.String(), attribute: Named }, { additionalProperties: false }),
    price: Type.Integer(),
    discountRate: Type.Integer({ description: 'As entered (0-99); it applies only within the discount window (isDiscounted)' }),
    discountedPrice: Type.Integer({ description: 'The price now: discounted while the discount is active, else price' }),
    isOnSale: Type.Boolean(),
    isDisplayed: Type.Boolean(),
    isDiscounted: Type.Boolean({ description: 'Discount active now' }),
  },
  { additionalProperties: false },
);
export type ProductListItem = Static<typeof ProductListItem>;
export const ProductPage = pagedResponse(ProductListItem);

export const ProductDetail = Type.Object(
  {
    id: Id,
    code: Type.String(),
    seller: Type.Object({ id: Id, nameKo: Type.String() }, { additionalProperties: false }),
    name: Type.String(),
    firstCategoryId: Id,
    secondCategoryId: Id,
    category: Type.Object({ main: Named, first: Named, second: Named }, { additionalProperties: false }),
    simpleDescription: Nullable(Type.String()),
    detailHtml: Type.String(),
    price: Type.Integer(),
    discountRate: Type.Integer({ description: 'As entered (0-99); it applies only within the discount window (isDiscounted)' }),
    discountStartsAt: Nullable(Time),
    discountEndsAt: Nullable(Time),
    discountedPrice: Type.Integer({ description: 'The price now: discounted while the discount is active, else price' }),
    isDiscounted: Type.Boolean({ description: 'Discount active now' }),
    minOrderQty: Type.Integer(),
    maxOrderQty: Type.Integer(),
    isOnSale: Type.Boolean(),
    isDisplayed: Type.Boolean(),
    isDeleted: Type.Boolean({ description: 'Only ever true in history snapshots' }),
    images: Type.Array(
      Type.Object({ id: Id, url: Type.String(), position: Type.Integer({ minimum: 0 }) }, { additionalProperties: false }),
    ),
    options: Type.Array(
      Type.Object(
        { id: Id, color: Type.String(), size: Type.String(), stock: Nullable(Type.Integer({ minimum: 0 })) },
        { additionalProperties: false },
      ),
    ),
    version: Type.Integer({ minimum: 1 }),
    registeredAt: Time,
    updatedAt: Time,
  },
  { additionalProperties: false },
);
export type ProductDetail = Static<typeof ProductDetail>;

export const ProductParams = Type.Object({ id: Id }, { additionalProperties: false });
export const ProductVersionParams = Type.Object({ id: Id, version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
export const ProductDetailQuery = Type.Object({
  at: Type.Optional(Type.String({ format: 'date-time', description: 'The snapshot valid at this instant (line history)' })),
});
export const NoQuery = Type.Object({});
export const NoContent = Type.Null({ description: 'Deleted' });

const IfMatch = Type.String({ description: 'The version the change is based on (GET /products/:id `version`), e.g. 3 or "3"' });
/** DELETE: If-Match is optional. */
export const IfMatchHeaders = Type.Object({ 'if-match': Type.Optional(IfMatch) });
/** PATCH: without If-Match the answer is 428 (@brandi/http maps the missing header). */
export const IfMatchRequiredHeaders = Type.Object({ 'if-match': IfMatch });

const FieldChange = Type.Object(
  {
    field: Type.String(),
    before: Type.Unknown({ description: 'null on the first version; images as [{id, url, position}]' }),
    after: Type.Unknown({ description: 'images as [{id, url, position}]' }),
  },
  { additionalProperties: false },
);

export const ProductHistory = Type.Array(
  Type.Object(
    {
      version: Type.Integer({ minimum: 1 }),
      validFrom: Time,
      validTo: Nullable(Time),
      changedBy: Type.Object({ id: Id, nameKo: Type.String(), role: Type.Enum(['seller', 'admin']) }, { additionalProperties: false }),
      action: Type.Enum(['create', 'update', 'delete']),
      changes: Type.Array(FieldChange),
    },
    { additionalProperties: false },
  ),
);
export type ProductHistory = Static<typeof ProductHistory>;

// Their names in the OpenAPI document (components/schemas).
nameSchemas({
  ProductListItem,
  ProductPage,
  ProductDetail,
  ProductImage: ProductDetail.properties.images.items,
  ProductOption: ProductDetail.properties.options.items,
  CategoryPath: ProductDetail.properties.category,
  NamedRef: Named,
  ProductHistory,
  ProductRevision: ProductHistory.items,
  ProductFieldChange: FieldChange,
});
