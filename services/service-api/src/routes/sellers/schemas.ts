import { nameSchemas, OffsetQuery, pagedResponse } from '@brandi/http';
import Type, { type Static } from 'typebox';

const Id = Type.Integer({ minimum: 1, maximum: 4294967295 });

export const SELLER_SORTS = ['sales', 'newest', 'name'] as const;
export type SellerSort = (typeof SELLER_SORTS)[number];

export const SellerListQuery = Type.Object({
  ...OffsetQuery.properties,
  group: Type.Optional(Type.Enum(['shop', 'brand', 'beauty'])),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Korean or English name contains' })),
  sort: Type.Optional(Type.Enum(SELLER_SORTS, { default: 'sales' })),
});
export type SellerListQuery = Static<typeof SellerListQuery>;

const sellerFields = {
  id: Id,
  name: Type.String(),
  nameEn: Type.String(),
  imageUrl: Type.Union([Type.String(), Type.Null()]),
  attribute: Type.Object({ id: Id, name: Type.String() }, { additionalProperties: false }),
  productCount: Type.Integer({ minimum: 0, description: 'Products a shopper can see' }),
  salesCount: Type.Integer({ minimum: 0 }),
};

export const SellerListItem = Type.Object(sellerFields, { additionalProperties: false });
export type SellerListItem = Static<typeof SellerListItem>;
export const SellerListResponse = pagedResponse(SellerListItem);

export const SellerDetail = Type.Object(
  { ...sellerFields, simpleDescription: Type.Union([Type.String(), Type.Null()]), siteUrl: Type.Union([Type.String(), Type.Null()]) },
  { additionalProperties: false },
);
export type SellerDetail = Static<typeof SellerDetail>;

export const SellerParams = Type.Object({ id: Id }, { additionalProperties: false });

// Their names in the OpenAPI document (components/schemas).
nameSchemas({ SellerListItem, SellerPage: SellerListResponse, SellerDetail, SellerAttribute: SellerListItem.properties.attribute });
