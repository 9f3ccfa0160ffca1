import { nameSchemas } from '@brandi/http';
import Type, { type Static } from 'typebox';

const Id = Type.Integer({ minimum: 1, maximum: 4294967295 });
const Price = Type.Integer({ minimum: 0, maximum: 1_000_000_000 });

export const PRODUCT_SORTS = ['recommended', 'sales', 'newest', 'price_asc', 'price_desc'] as const;
export type ProductSort = (typeof PRODUCT_SORTS)[number];

export const ProductListQuery = Type.Object({
  mainCategoryId: Type.Optional(Id),
  firstCategoryId: Type.Optional(Id),
  secondCategoryId: Type.Optional(Id),
  sellerId: Type.Optional(Id),
  onSale: Type.Optional(Type.Boolean({ description: 'true: only products whose discount is active now; false: only those without' })),
  q: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 100,
      description: 'Name contains every word (words separated by whitespace, in any order; `%` and `_` are literal)',
    }),
  ),
  minPrice: Type.Optional(Type.Integer({ ...Price, description: 'On the discounted price' })),
  maxPrice: Type.Optional(Type.Integer({ ...Price, description: 'On the discounted price' })),
  sort: Type.Optional(
    Type.Enum(PRODUCT_SORTS, {
      default: 'recommended',
      description: 'recommended = ranking score (log10(sales + 1) + created seconds / 45000); price sorts use the discounted price',
    }),
  ),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 60 })),
  cursor: Type.Optional(
    Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9_-]+$', description: 'nextCursor of the previous page' }),
  ),
});
export type ProductListQuery = Static<typeof ProductListQuery>;

const SellerRef = Type.Object({ id: Id, name: Type.String() }, { additionalProperties: false });

export const ProductListItem = Type.Object(
  {
    id: Id,
    name: Type.String(),
    imageUrl: Type.Union([Type.String(), Type.Null()]),
    thumbnailUrl: Type.Union([Type.String(), Type.Null()], {
      description: 'The 360 px wide WebP list thumbnail; the image itself until the thumbnail exists (null only without an image)',
    }),
    price: Price,
    discountRate: Type.Integer({ minimum: 0, maximum: 99 }),
    discountedPrice: Price,
    salesCount: Type.Integer({ minimum: 0 }),
    seller: SellerRef,
  },
  { additionalProperties: false },
);
export type ProductListItem = Static<typeof ProductListItem>;

export const ProductListResponse = Type.Object(
  { items: Type.Array(ProductListItem), nextCursor: Type.Union([Type.String(), Type.Null()]) },
  { additionalProperties: false },
);

export const ProductParams = Type.Object({ id: Id }, { additionalProperties: false });
export type ProductParams = Static<typeof ProductParams>;

const NamedRef = Type.Object({ id: Id, name: Type.String() }, { additionalProperties: false });

export const ProductDetail = Type.Object(
  {
    id: Id,
    code: Type.String(),
    name: Type.String(),
    images: Type.Array(Type.String()),
    price: Price,
    discountRate: Type.Integer({ minimum: 0, maximum: 99 }),
    discountedPrice: Price,
    discountEndsAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
      description: 'Null when no discount is active or it has no end',
    }),
    simpleDescription: Type.Union([Type.String(), Type.Null()]),
    detailHtml: Type.String(),
    minOrderQty: Type.Integer(),
    maxOrderQty: Type.Integer(),
    isOnSale: Type.Boolean(),
    options: Type.Array(
      Type.Object(
        {
          id: Id,
          color: Type.String(),
          size: Type.String(),
          stock: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], { description: 'Null when stock is not managed' }),
          soldOut: Type.Boolean(),
        },
        { additionalProperties: false },
      ),
    ),
    colors: Type.Array(Type.String()),
    sizes: Type.Array(Type.String()),
    category: Type.Object({ main: NamedRef, first: NamedRef, second: NamedRef }, { additionalProperties: false }),
    seller: Type.Object(
      {
        id: Id,
        name: Type.String(),
        imageUrl: Type.Union([Type.String(), Type.Null()]),
        siteUrl: Type.Union([Type.String(), Type.Null()]),
      },
      { additionalProperties: false },
    ),
    salesCount: Type.Integer({ minimum: 0 }),
    questionCount: Type.Integer({ minimum: 0 }),
    reviewCount: Type.Integer({ minimum: 0 }),
    ratingAverage: Type.Union([Type.Number({ minimum: 1, maximum: 5 }), Type.Null()], { description: 'One decimal; null when no reviews' }),
  },
  { additionalProperties: false },
);
export type ProductDetail = Static<typeof ProductDetail>;

// Their names in the OpenAPI document (components/schemas).
nameSchemas({
  ProductListItem,
  ProductSeller: SellerRef,
  ProductFeedPage: ProductListResponse,
  ProductDetail,
  ProductOption: ProductDetail.properties.options.items,
  CategoryPath: ProductDetail.properties.category,
  NamedRef,
});
