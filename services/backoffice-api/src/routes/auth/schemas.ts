import Type, { type Static } from 'typebox';

const Phone = Type.String({ minLength: 2, maxLength: 30, pattern: '^[0-9+()\\- ]+$' });
const Name = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' });

export const SignupBody = Type.Object(
  {
    loginId: Type.String({ pattern: '^[a-z0-9_]{4,20}$', description: '4-20 characters of a-z, 0-9 and _' }),
    password: Type.String({
      minLength: 8,
      maxLength: 128,
      pattern: '^(?=.*[A-Za-z])(?=.*[0-9])',
      description: 'At least 8 characters with a letter and a digit',
    }),
    nameKo: Name,
    nameEn: Name,
    attributeId: Type.Integer({ minimum: 1, maximum: 7, description: 'Seller attribute (1-7); decides the category group' }),
    csPhone: Phone,
    siteUrl: Type.String({ format: 'uri', pattern: '^https?://', maxLength: 500 }),
    managerPhone: Phone,
  },
  { additionalProperties: false },
);
export type SignupBody = Static<typeof SignupBody>;

export const Created = Type.Object({ id: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });

export const LoginBody = Type.Object(
  {
    loginId: Type.String({ minLength: 1, maxLength: 50 }),
    password: Type.String({ minLength: 1, maxLength: 128 }),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const LoginResponse = Type.Object(
  {
    accessToken: Type.String(),
    expiresIn: Type.Integer({ minimum: 1, description: 'Seconds until the token expires' }),
    seller: Type.Object(
      {
        id: Type.Integer({ minimum: 1 }),
        loginId: Type.String(),
        nameKo: Type.String(),
        role: Type.Enum(['seller', 'admin']),
        status: Type.Enum(['pending', 'active', 'paused', 'closing', 'closed']),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type LoginResponse = Static<typeof LoginResponse>;

export const NoQuery = Type.Object({});
