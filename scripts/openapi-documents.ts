import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { buildOpenApiDocument } from '@brandi/http';

// Each service merges its own config and tokens into FastifyInstance, so one program cannot type both: the
// services are loaded by path (untyped) and only their exported defineService value is used.
const SERVICES = [
  { file: 'service-api.json', module: 'services/service-api/src/app.ts', exported: 'serviceApi' },
  { file: 'backoffice-api.json', module: 'services/backoffice-api/src/app.ts', exported: 'backofficeApi' },
] as const;

type AnyService = Parameters<typeof buildOpenApiDocument>[0];

/** Builds both services in process (no listen, no database) and writes their OpenAPI documents into `dir`. */
export async function writeOpenApiDocuments(dir: string): Promise<string[]> {
  const root = join(import.meta.dirname, '..');
  const { buildOpenApiDocument: build } = await import('@brandi/http');
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (const service of SERVICES) {
    const loaded = (await import(pathToFileURL(join(root, service.module)).href)) as Record<string, AnyService>;
    const file = join(dir, service.file);
    writeFileSync(file, `${JSON.stringify(await build(loaded[service.exported]), null, 2)}\n`);
    files.push(file);
  }
  return files;
}
