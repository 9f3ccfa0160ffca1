import Type from 'typebox';
import { nameSchemas } from '../openapi/schemas.js';

/** For routes that take no query parameters: any given is a 400 (API.md), not silently ignored. */
export const NoQuery = Type.Object({});

/** A new account's login id. */
export const NewLoginId = Type.String({ pattern: '^[a-z0-9_]{4,20}$', description: '4-20 characters of a-z, 0-9 and _' });

/** A new password's shape (the breached-list and login-id checks run in the signup route). */
export const NewPassword = Type.String({
  minLength: 8,
  maxLength: 128,
  pattern: '^(?=.*[A-Za-z])(?=.*[0-9])',
  description: 'At least 8 characters with a letter and a digit',
});

export const Created = Type.Object({ id: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });

export const LoginBody = Type.Object(
  {
    loginId: Type.String({ minLength: 1, maxLength: 50 }),
    password: Type.String({ minLength: 1, maxLength: 128 }),
  },
  { additionalProperties: false },
);

/** The properties of every login response; a service may add its own beside them. */
export const AccessTokenProperties = {
  accessToken: Type.String(),
  expiresIn: Type.Integer({ minimum: 1, description: 'Seconds until the token expires' }),
};

nameSchemas({ Created, LoginBody });
