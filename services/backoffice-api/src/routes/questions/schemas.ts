import { nameSchemas, OffsetQuery, pagedResponse } from '@brandi/http';
import Type, { type Static } from 'typebox';

const Id = Type.Integer({ minimum: 1, maximum: 4294967295 });
const Time = Type.String({ format: 'date-time' });
const Day = Type.String({ format: 'date', description: 'A calendar day in Asia/Seoul, inclusive' });

export const InboxQuery = Type.Object({
  ...OffsetQuery.properties,
  answered: Type.Optional(Type.Boolean()),
  typeId: Type.Optional(Type.Integer({ minimum: 1, maximum: 255 })),
  productName: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Product name contains' })),
  from: Type.Optional(Day),
  to: Type.Optional(Day),
});
export type InboxQuery = Static<typeof InboxQuery>;

export const InboxItem = Type.Object(
  {
    id: Id,
    product: Type.Object({ id: Id, name: Type.String() }, { additionalProperties: false }),
    type: Type.Object({ id: Id, name: Type.String() }, { additionalProperties: false }),
    content: Type.String({ description: "Shown in full to the product's seller, private or not" }),
    isPrivate: Type.Boolean(),
    author: Type.String({ description: "The asker's login id masked to its first 3 characters + ***" }),
    createdAt: Time,
    answer: Type.Union([
      Type.Object({ content: Type.String(), createdAt: Time, updatedAt: Time, authorName: Type.String() }, { additionalProperties: false }),
      Type.Null(),
    ]),
  },
  { additionalProperties: false },
);
export type InboxItem = Static<typeof InboxItem>;
export const InboxPage = pagedResponse(InboxItem);

export const AnswerBody = Type.Object(
  { content: Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S', description: '1-2000 characters, not blank' }) },
  { additionalProperties: false },
);
export type AnswerBody = Static<typeof AnswerBody>;

export const QuestionParams = Type.Object({ id: Id }, { additionalProperties: false });
export const NoQuery = Type.Object({});

// Their names in the OpenAPI document (components/schemas).
nameSchemas({ InboxQuestion: InboxItem, InboxAnswer: InboxItem.properties.answer.anyOf[0], InboxPage, Answer: AnswerBody });
