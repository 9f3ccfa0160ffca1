import { createDb } from '@brandi/db';
import { createObjectStore } from '@brandi/storage';
import type { Service } from './define-service.js';
import type { ServiceConfig } from './service-config.js';

// Enough environment to build a service; nothing is connected: the pool and the S3 client are lazy and the
// document is read before any request.
const DOCUMENT_ENV = {
  PORT: '3000',
  DATABASE_URL: 'mysql://root@127.0.0.1:1/openapi',
  S3_BUCKET: 'openapi',
  S3_PUBLIC_URL: 'https://cdn.example.com',
  JWT_SECRET: 'openapi-document-secret-0123456789abcdef',
  LOG_LEVEL: 'silent',
};

/** A service's OpenAPI document (what `GET /docs/json` serves), built in process without a network or database. */
export async function buildOpenApiDocument<C extends ServiceConfig>(service: Service<C>): Promise<Record<string, unknown>> {
  const config = service.loadConfig(DOCUMENT_ENV);
  const db = createDb({ url: config.DATABASE_URL, poolSize: 1 });
  const app = await service.buildApp({ config, db, store: createObjectStore(config.storage) });
  try {
    await app.ready();
    return app.swagger() as unknown as Record<string, unknown>;
  } finally {
    await app.close();
    await db.destroy();
  }
}
