// @brandi/api-client: typed clients of both services. The types are generated from the services' OpenAPI
// documents (`pnpm api-client:generate`); the runtime is openapi-fetch.
export { bearerAuth, type TokenSource } from './auth.js';
export {
  createBackofficeClient,
  createShopperClient,
  type ApiClientOptions,
  type BackofficeClient,
  type BackofficePaths,
  type BackofficeSchemas,
  type ShopperClient,
  type ShopperPaths,
  type ShopperSchemas,
} from './clients.js';
export { multipartBody } from './multipart.js';
export type * as backoffice from './generated/backoffice-api.js';
export type * as shopper from './generated/service-api.js';
