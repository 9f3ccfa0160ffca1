import { isDuplicateEntry } from '@brandi/db';
import { conflict, passwordAuthRoutes } from '@brandi/http';
import type { ShopperClaims } from '../../types.js';
import { LoginResponse, SignupBody } from './schemas.js';
import { findShopperCredentials, insertShopper } from './shoppers.repository.js';

export const authRoutes = passwordAuthRoutes(
  {
    summary: 'Create a shopper account',
    body: SignupBody,
    errorStatuses: [400, 401, 409, 429, 500, 503],
    insert: (app, body, passwordHash) =>
      insertShopper(app.db, {
        login_id: body.loginId,
        password_hash: passwordHash,
        name: body.name,
        email: body.email ?? null,
        phone: body.phone ?? null,
      }),
    conflictOf: (err) =>
      isDuplicateEntry(err) ? conflict('This login id is taken', [{ field: 'loginId', message: 'is taken' }]) : undefined,
  },
  {
    kind: 'shopper',
    table: 'shoppers',
    findCredentials: findShopperCredentials,
    claims: (shopper): ShopperClaims => ({ sub: String(shopper.id), role: 'shopper', tv: shopper.token_version }),
    response: LoginResponse,
    respond: (_shopper, token) => token,
  },
);
