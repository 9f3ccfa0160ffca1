import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import { bearerAuth, type TokenSource } from './auth.js';
import type { components as BackofficeComponents, paths as BackofficePaths } from './generated/backoffice-api.js';
import type { components as ShopperComponents, paths as ShopperPaths } from './generated/service-api.js';

export type { BackofficePaths, ShopperPaths };
/** The shopper API's named schemas (request and response bodies), e.g. `ShopperSchemas['ProductDetail']`. */
export type ShopperSchemas = ShopperComponents['schemas'];
/** The back office's named schemas, e.g. `BackofficeSchemas['NewProduct']`. */
export type BackofficeSchemas = BackofficeComponents['schemas'];

export interface ApiClientOptions extends Omit<ClientOptions, 'baseUrl'> {
  /** Where the service listens, e.g. `https://api.brandi.example` (no trailing path). */
  baseUrl: string;
  /** Sent as a bearer token when given (a function is read on every request). */
  token?: TokenSource;
}

/** An openapi-fetch client typed by `paths`, with the bearer token middleware when a token is given. */
function typedClient<Paths extends {}>({ token, ...options }: ApiClientOptions): Client<Paths> {
  const client = createClient<Paths>(options);
  if (token !== undefined) client.use(bearerAuth(token));
  return client;
}

export type ShopperClient = Client<ShopperPaths>;
export type BackofficeClient = Client<BackofficePaths>;

/** The shopper web app's API (services/service-api). */
export const createShopperClient = (options: ApiClientOptions): ShopperClient => typedClient<ShopperPaths>(options);

/** The seller dashboard's API (services/backoffice-api). */
export const createBackofficeClient = (options: ApiClientOptions): BackofficeClient => typedClient<BackofficePaths>(options);
