import { backofficeApi } from '@brandi/backoffice-api/app';
import { createDb } from '@brandi/db';
import type { Service, ServiceConfig } from '@brandi/http';
import { serviceApi } from '@brandi/service-api/app';
import { createObjectStore } from '@brandi/storage';

/** The services a client is generated for; `name` names the files (openapi/<name>.json, src/generated/<name>.ts). */
export const SERVICES: { name: string; document: () => Promise<Record<string, unknown>> }[] = [
  { name: 'service-api', document: () => openApiDocument(serviceApi) },
  { name: 'backoffice-api', document: () => openApiDocument(backofficeApi) },
];

// Only what the configs require, every other variable at its default, so the documents describe the defaults
// (upload limits and the like) and never this machine. Nothing connects: building an app opens no connection
// (the pool and the S3 client are lazy), and the apps are closed before a request could be made.
// The AWS SDK warns on every client that Node 20 support ends in 2027; the runtime is pinned by the design.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const DOCUMENT_ENV = {
  PORT: '3000',
  LOG_LEVEL: 'silent',
  DATABASE_URL: 'mysql://openapi@127.0.0.1:1/openapi',
  JWT_SECRET: 'openapi-document-only-secret-0123456789abcdef',
  S3_BUCKET: 'openapi',
  S3_PUBLIC_URL: 'https://images.example.com',
};

/** A service's OpenAPI document (what it serves at GET /docs/json), from the app built in process. */
export async function openApiDocument<C extends ServiceConfig>(service: Service<C>): Promise<Record<string, unknown>> {
  const config = service.loadConfig(DOCUMENT_ENV);
  const db = createDb({ url: config.DATABASE_URL });
  const store = createObjectStore(config.storage);
  try {
    const app = await service.buildApp({ config, db, store });
    try {
      await app.ready();
      // A deep copy: the swagger object is the plugin's own.
      return JSON.parse(JSON.stringify(app.swagger())) as Record<string, unknown>;
    } finally {
      await app.close();
    }
  } finally {
    await db.destroy();
  }
}
