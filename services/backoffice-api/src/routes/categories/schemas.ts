import { nameSchemas } from '@brandi/http';
import Type, { type Static } from 'typebox';

const Id = Type.Integer({ minimum: 1, maximum: 4294967295 });

export const CategoriesQuery = Type.Object({
  sellerId: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 4294967295, description: 'Admin only: whose group to list; a seller may give only its own id' }),
  ),
});
export type CategoriesQuery = Static<typeof CategoriesQuery>;

const SecondCategory = Type.Object({ id: Id, name: Type.String() }, { additionalProperties: false });
const FirstCategory = Type.Object({ id: Id, name: Type.String(), children: Type.Array(SecondCategory) }, { additionalProperties: false });

export const FirstCategoryList = Type.Array(FirstCategory, {
  description: "The first categories of the seller's group, each with its second categories, in display order",
});
export type FirstCategoryList = Static<typeof FirstCategoryList>;

// Their names in the OpenAPI document (components/schemas).
nameSchemas({ FirstCategoryList, FirstCategory, SecondCategory });
