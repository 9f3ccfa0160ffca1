import { nameSchemas, OffsetQuery, pagedResponse } from '@brandi/http';
import Type, { type Static } from 'typebox';

const Id = Type.Integer({ minimum: 1, maximum: 4294967295 });
const TypeId = Type.Integer({ minimum: 1, maximum: 255 });
const Time = Type.String({ format: 'date-time' });

export const QuestionType = Type.Object({ id: TypeId, name: Type.String() }, { additionalProperties: false });
export const QuestionTypeList = Type.Array(QuestionType);

export const ProductQuestionsQuery = Type.Object({
  ...OffsetQuery.properties,
  typeId: Type.Optional(TypeId),
  answered: Type.Optional(Type.Boolean()),
});
export type ProductQuestionsQuery = Static<typeof ProductQuestionsQuery>;

export const MyQuestionsQuery = Type.Object({ ...OffsetQuery.properties });

const questionFields = {
  id: Id,
  type: QuestionType,
  content: Type.Union([Type.String(), Type.Null()], { description: 'Null on a private question unless the viewer asked it' }),
  isPrivate: Type.Boolean(),
  isMine: Type.Boolean(),
  author: Type.String({ description: "The asker's login id masked to its first 3 characters + ***" }),
  createdAt: Time,
  answer: Type.Union([
    Type.Object(
      {
        content: Type.Union([Type.String(), Type.Null()], { description: 'Null on a private question unless the viewer asked it' }),
        createdAt: Time,
        sellerName: Type.String(),
      },
      { additionalProperties: false },
    ),
    Type.Null(),
  ]),
};

export const QuestionItem = Type.Object(questionFields, { additionalProperties: false });
export type QuestionItem = Static<typeof QuestionItem>;
export const QuestionPage = pagedResponse(QuestionItem);

export const MyQuestionItem = Type.Object(
  {
    ...questionFields,
    product: Type.Object(
      { id: Id, name: Type.String(), imageUrl: Type.Union([Type.String(), Type.Null()]) },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type MyQuestionItem = Static<typeof MyQuestionItem>;
export const MyQuestionPage = pagedResponse(MyQuestionItem);

export const NewQuestionBody = Type.Object(
  {
    typeId: TypeId,
    content: Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S', description: '1-2000 characters, not blank' }),
    isPrivate: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type NewQuestionBody = Static<typeof NewQuestionBody>;

export const Created = Type.Object({ id: Id }, { additionalProperties: false });
export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });
export const NoContent = Type.Null({ description: 'Deleted' });

// Their names in the OpenAPI document (components/schemas).
nameSchemas({
  QuestionType,
  Question: QuestionItem,
  QuestionAnswer: QuestionItem.properties.answer.anyOf[0],
  QuestionPage,
  MyQuestion: MyQuestionItem,
  MyQuestionPage,
  NewQuestion: NewQuestionBody,
});
