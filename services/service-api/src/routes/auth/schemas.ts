import { AccessTokenProperties, nameSchemas, NewLoginId, NewPassword } from '@brandi/http';
import Type, { type Static } from 'typebox';

export const SignupBody = Type.Object(
  {
    loginId: NewLoginId,
    password: NewPassword,
    name: Type.String({ minLength: 1, maxLength: 50 }),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
    phone: Type.Optional(Type.String({ pattern: '^[0-9+\\- ]{7,30}$', maxLength: 30 })),
  },
  { additionalProperties: false },
);
export type SignupBody = Static<typeof SignupBody>;

export const LoginResponse = Type.Object(AccessTokenProperties, { additionalProperties: false });

// Their names in the OpenAPI document (components/schemas).
nameSchemas({ SignupBody, LoginResponse });
