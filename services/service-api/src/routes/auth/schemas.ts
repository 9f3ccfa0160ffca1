import Type, { type Static } from 'typebox';

export const SignupBody = Type.Object(
  {
    loginId: Type.String({ pattern: '^[a-z0-9_]{4,20}$', description: '4-20 characters of a-z, 0-9 and _' }),
    password: Type.String({
      minLength: 8,
      maxLength: 128,
      pattern: '^(?=.*[A-Za-z])(?=.*[0-9])',
      description: 'At least 8 characters with a letter and a digit',
    }),
    name: Type.String({ minLength: 1, maxLength: 50 }),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
    phone: Type.Optional(Type.String({ pattern: '^[0-9+\\- ]{7,30}$', maxLength: 30 })),
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
  { accessToken: Type.String(), expiresIn: Type.Integer({ minimum: 1, description: 'Seconds until the token expires' }) },
  { additionalProperties: false },
);
