import { nameSchemas } from '@brandi/http';
import Type, { type Static } from 'typebox';

const Id = Type.Integer({ minimum: 1 });

const SecondCategory = Type.Object({ id: Id, name: Type.String() }, { additionalProperties: false });
const FirstCategory = Type.Object({ id: Id, name: Type.String(), children: Type.Array(SecondCategory) }, { additionalProperties: false });
const MainCategory = Type.Object(
  { id: Id, name: Type.String(), group: Type.Enum(['shop', 'brand', 'beauty']), children: Type.Array(FirstCategory) },
  { additionalProperties: false },
);

export const CategoryTree = Type.Array(MainCategory);
export type CategoryTree = Static<typeof CategoryTree>;

export const CategoryHeaders = Type.Object({ 'if-none-match': Type.Optional(Type.String({ maxLength: 1000 })) });

// Their names in the OpenAPI document (components/schemas).
nameSchemas({ CategoryTree, MainCategory, FirstCategory, SecondCategory });
