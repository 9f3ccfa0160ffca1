import { namedSchema } from '@brandi/http';
import Type, { type Static } from 'typebox';

const Id = Type.Integer({ minimum: 1 });

const SecondCategory = namedSchema('SecondCategory', Type.Object({ id: Id, name: Type.String() }, { additionalProperties: false }));
const FirstCategory = namedSchema(
  'FirstCategory',
  Type.Object({ id: Id, name: Type.String(), children: Type.Array(SecondCategory) }, { additionalProperties: false }),
);
const MainCategory = namedSchema(
  'MainCategory',
  Type.Object(
    { id: Id, name: Type.String(), group: Type.Enum(['shop', 'brand', 'beauty']), children: Type.Array(FirstCategory) },
    { additionalProperties: false },
  ),
);

export const CategoryTree = namedSchema('CategoryTree', Type.Array(MainCategory));
export type CategoryTree = Static<typeof CategoryTree>;

export const CategoryHeaders = Type.Object({ 'if-none-match': Type.Optional(Type.String({ maxLength: 1000 })) });
