import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeOpenApiDocuments } from './openapi-documents.js';

// pnpm lint:api: both services' OpenAPI documents, built in process, linted by Redocly (redocly.yaml: the
// recommended ruleset). Offline: telemetry and the update check are off, and the documents have no remote $ref.
const dir = mkdtempSync(join(tmpdir(), 'brandi-openapi-'));
try {
  const files = await writeOpenApiDocuments(dir);
  const root = join(import.meta.dirname, '..');
  const result = spawnSync(
    join(root, 'node_modules/.bin/redocly'),
    ['lint', '--format=stylish', '--config', join(root, 'redocly.yaml'), ...files],
    {
      stdio: 'inherit',
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_UPDATE_NOTIFIER: '1' },
    },
  );
  process.exitCode = result.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
