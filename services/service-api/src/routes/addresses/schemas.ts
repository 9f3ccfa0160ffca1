import Type, { type Static } from 'typebox';

export const Id = Type.Integer({ minimum: 1, maximum: 4294967295 });
export const IdParams = Type.Object({ id: Id });

/** Korean mobile or landline numbers: digits with optional hyphens (010-1234-5678, 02-123-4567, 0311234567). */
export const Phone = Type.String({ pattern: '^0[0-9]{1,2}-?[0-9]{3,4}-?[0-9]{4}$', examples: ['010-1234-5678'] });
const Text = (maxLength: number, minLength = 1) => Type.String({ minLength, maxLength, pattern: minLength > 0 ? '\\S' : undefined });

const addressFields = {
  recipient: Text(50),
  phone: Phone,
  zipCode: Type.String({ pattern: '^[0-9]{5}$' }),
  address1: Text(200),
  address2: Type.String({ maxLength: 200 }),
};

export const Address = Type.Object({ id: Id, ...addressFields, isDefault: Type.Boolean() }, { additionalProperties: false });
export type Address = Static<typeof Address>;
export const AddressList = Type.Array(Address);

export const NewAddressBody = Type.Object(
  { ...addressFields, isDefault: Type.Optional(Type.Boolean({ description: 'The first address is the default whatever this says' })) },
  { additionalProperties: false },
);
export type NewAddressBody = Static<typeof NewAddressBody>;

export const AddressPatchBody = Type.Object(
  {
    recipient: Type.Optional(addressFields.recipient),
    phone: Type.Optional(addressFields.phone),
    zipCode: Type.Optional(addressFields.zipCode),
    address1: Type.Optional(addressFields.address1),
    address2: Type.Optional(addressFields.address2),
    isDefault: Type.Optional(Type.Literal(true, { description: 'Make this the default (the old one stops being it)' })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type AddressPatchBody = Static<typeof AddressPatchBody>;

export const NoContent = Type.Null();
