import { nameSchemas, OffsetQuery, pagedResponse } from '@brandi/http';
import Type, { type Static, type TSchema } from 'typebox';

const Id = Type.Integer({ minimum: 1, maximum: 4294967295 });
const Time = Type.String({ format: 'date-time' });
const Day = Type.String({ format: 'date', description: 'A calendar day in Asia/Seoul, inclusive' });
const Contains = (description: string) => Type.Optional(Type.String({ minLength: 1, maxLength: 200, description }));
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const SELLER_STATUSES = ['pending', 'active', 'paused', 'closing', 'closed'] as const;
const Status = Type.Enum(SELLER_STATUSES);

export const SellerListQuery = Type.Object({
  ...OffsetQuery.properties,
  id: Type.Optional(Id),
  loginId: Contains('Login id contains'),
  nameKo: Contains('Korean name contains'),
  nameEn: Contains('English name contains'),
  managerName: Contains('Manager name contains'),
  managerPhone: Contains('Manager phone contains'),
  managerEmail: Contains('Manager email contains'),
  status: Type.Optional(Status),
  attributeId: Type.Optional(Type.Integer({ minimum: 1, maximum: 7 })),
  registeredFrom: Type.Optional(Day),
  registeredTo: Type.Optional(Day),
});
export type SellerListQuery = Static<typeof SellerListQuery>;

const Attribute = Nullable(Type.Object({ id: Id, name: Type.String() }, { additionalProperties: false }));

export const SellerListItem = Type.Object(
  {
    id: Id,
    loginId: Type.String(),
    nameKo: Type.String(),
    nameEn: Type.String(),
    attribute: Attribute,
    status: Status,
    managerName: Nullable(Type.String()),
    managerPhone: Nullable(Type.String()),
    managerEmail: Nullable(Type.String()),
    productCount: Type.Integer({ minimum: 0, description: 'Products not deleted' }),
    registeredAt: Time,
  },
  { additionalProperties: false },
);
export type SellerListItem = Static<typeof SellerListItem>;
export const SellerPage = pagedResponse(SellerListItem);

export const SellerProfile = Type.Object(
  {
    id: Id,
    loginId: Type.String(),
    role: Type.Enum(['seller', 'admin']),
    status: Status,
    attribute: Attribute,
    nameKo: Type.String(),
    nameEn: Type.String(),
    csPhone: Nullable(Type.String()),
    siteUrl: Nullable(Type.String()),
    managerName: Nullable(Type.String()),
    managerPhone: Nullable(Type.String()),
    managerEmail: Nullable(Type.String()),
    imageUrl: Nullable(Type.String()),
    simpleDescription: Nullable(Type.String()),
    productCount: Type.Integer({ minimum: 0 }),
    salesCount: Type.Integer({ minimum: 0 }),
    version: Type.Integer({ minimum: 1 }),
    registeredAt: Time,
    updatedAt: Time,
  },
  { additionalProperties: false },
);
export type SellerProfile = Static<typeof SellerProfile>;

const Phone = Type.String({ minLength: 2, maxLength: 30, pattern: '^[0-9+()\\- ]+$' });
const Url = Type.String({ format: 'uri', pattern: '^https?://', maxLength: 500 });

export const SellerPatchBody = Type.Object(
  {
    nameKo: Type.Optional(Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' })),
    nameEn: Type.Optional(Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' })),
    csPhone: Type.Optional(Phone),
    siteUrl: Type.Optional(Url),
    managerName: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 50 }))),
    managerPhone: Type.Optional(Phone),
    managerEmail: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 200 }))),
    imageUrl: Type.Optional(Nullable(Url)),
    simpleDescription: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    status: Type.Optional(
      Type.Enum(SELLER_STATUSES, {
        description:
          'Admin only (a seller sending it gets 403). Legal moves: pending→active, active→paused, paused→active, active→closing, ' +
          'paused→closing, closing→closed, closing→active (cancels a close); any other change is 409. The current status again is a no-op.',
      }),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type SellerPatchBody = Static<typeof SellerPatchBody>;

export const PasswordBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 200 }),
    newPassword: Type.String({
      minLength: 8,
      maxLength: 200,
      pattern: '^(?=.*[A-Za-z])(?=.*[0-9])',
      description: 'At least 8 characters with a letter and a digit',
    }),
  },
  { additionalProperties: false },
);
export type PasswordBody = Static<typeof PasswordBody>;

const FieldChange = Type.Object({ field: Type.String(), before: Type.Unknown(), after: Type.Unknown() }, { additionalProperties: false });

export const SellerHistory = Type.Array(
  Type.Object(
    {
      version: Type.Integer({ minimum: 1 }),
      validFrom: Time,
      validTo: Nullable(Time),
      changedBy: Nullable(
        Type.Object({ id: Id, nameKo: Type.String(), role: Type.Enum(['seller', 'admin']) }, { additionalProperties: false }),
      ),
      changes: Type.Array(FieldChange),
    },
    { additionalProperties: false },
  ),
);
export type SellerHistory = Static<typeof SellerHistory>;

export const SellerParams = Type.Object({ id: Id }, { additionalProperties: false });
export const NoQuery = Type.Object({});
export const NoContent = Type.Null({ description: 'Changed' });

// Their names in the OpenAPI document (components/schemas).
nameSchemas({
  SellerListItem,
  SellerPage,
  SellerProfile,
  SellerAttribute: SellerProfile.properties.attribute.anyOf[0],
  SellerPatch: SellerPatchBody,
  PasswordChange: PasswordBody,
  SellerHistory,
  SellerRevision: SellerHistory.items,
  SellerFieldChange: FieldChange,
});
