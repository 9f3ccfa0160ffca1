import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateDevSecrets } from './dev-secrets.js';

test('pnpm dev generates random secrets once, keeps them owner-readable, and reuses them', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'dev-secrets-')), 'dev-secrets.json');
  const first = loadOrCreateDevSecrets(file);
  expect(first.serviceApi).toMatch(/^[A-Za-z0-9_-]{64}$/);
  expect(first.backofficeApi).toMatch(/^[A-Za-z0-9_-]{64}$/);
  expect(first.serviceApi).not.toBe(first.backofficeApi);
  expect(statSync(file).mode & 0o077).toBe(0);
  expect(loadOrCreateDevSecrets(file)).toEqual(first);

  const elsewhere = loadOrCreateDevSecrets(join(mkdtempSync(join(tmpdir(), 'dev-secrets-')), 'dev-secrets.json'));
  expect(elsewhere.serviceApi).not.toBe(first.serviceApi);

  writeFileSync(file, '{"serviceApi":"short","backofficeApi":"short"}');
  const replaced = loadOrCreateDevSecrets(file);
  expect(replaced.serviceApi).not.toBe('short');
  expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(replaced);
});
