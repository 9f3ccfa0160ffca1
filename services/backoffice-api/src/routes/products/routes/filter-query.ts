import { IdList, parseIdList } from '@brandi/http';
import Type, { type Static } from 'typebox';

const Day = Type.String({ format: 'date', description: 'A registration day in Asia/Seoul (YYYY-MM-DD), inclusive' });

/**
 * The product list filters shared by GET /products and GET /products/export (no paging, no sort). Adding one:
 * README, Design notes, "Adding a product filter".
 */
export const ProductFilterQuery = Type.Object({
  registeredFrom: Type.Optional(Day),
  registeredTo: Type.Optional(Day),
  sellerName: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Seller name (Korean or English) contains' })),
  sellerAttributeIds: Type.Optional({ ...IdList, description: 'Seller attribute ids, comma separated (1,4,7)' }),
  searchField: Type.Optional(
    Type.Union([Type.Literal('name'), Type.Literal('id'), Type.Literal('code')], { description: 'What `q` searches; name by default' }),
  ),
  q: Type.Optional(
    Type.String({ minLength: 1, maxLength: 100, description: 'name: contains every word (words split on whitespace); id and code: exact' }),
  ),
  onSale: Type.Optional(Type.Boolean()),
  displayed: Type.Optional(Type.Boolean()),
  discounted: Type.Optional(Type.Boolean({ description: 'Discount active now' })),
  sellerId: Type.Optional(Type.Integer({ minimum: 1, description: 'Admin only; a seller only ever sees its own products' })),
});
export type ProductFilterQuery = Static<typeof ProductFilterQuery>;

/** The `sellerAttributeIds` filter as ids (400 when malformed). */
export const sellerAttributeIdsOf = (list: string) => parseIdList(list, 'sellerAttributeIds', 7);

/** The filters with `sellerName` resolved to the ids of the sellers it matches (see resolveSellerName). */
export type ResolvedProductFilters = ProductFilterQuery & { sellersNamed?: number[] };
