import { AccessTokenProperties, nameSchemas, NewLoginId, NewPassword } from '@brandi/http';
import Type, { type Static } from 'typebox';

const Phone = Type.String({ minLength: 2, maxLength: 30, pattern: '^[0-9+()\\- ]+$' });
const Name = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' });

export const SignupBody = Type.Object(
  {
    loginId: NewLoginId,
    password: NewPassword,
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

export const LoginResponse = Type.Object(
  {
    ...AccessTokenProperties,
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

// Their names in the OpenAPI document (components/schemas).
nameSchemas({ SignupBody, LoginResponse });
