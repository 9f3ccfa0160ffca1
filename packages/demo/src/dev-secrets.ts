import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

export interface DevSecrets {
  serviceApi: string;
  backofficeApi: string;
}

const isSecret = (value: unknown): value is string => typeof value === 'string' && value.length >= 32;

/**
 * The JWT secrets `pnpm dev` gives the two services: read from `file`, or generated at random (48 bytes each)
 * and written there readable by the owner only. A file that is missing or malformed is replaced.
 */
export function loadOrCreateDevSecrets(file: string): DevSecrets {
  try {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<DevSecrets>;
    if (isSecret(stored.serviceApi) && isSecret(stored.backofficeApi) && stored.serviceApi !== stored.backofficeApi) {
      return { serviceApi: stored.serviceApi, backofficeApi: stored.backofficeApi };
    }
  } catch {
    // No usable file yet: generate below.
  }
  const secrets = { serviceApi: randomBytes(48).toString('base64url'), backofficeApi: randomBytes(48).toString('base64url') };
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}
