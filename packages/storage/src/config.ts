import type { StorageConfig } from './object-store.js';

export class StorageConfigError extends Error {
  override readonly name = 'StorageConfigError';
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`Invalid storage configuration: ${problems.join('; ')}`);
    this.problems = problems;
  }
}

type Env = Record<string, string | undefined>;

/**
 * The S3 settings from the shared environment names (S3_ENDPOINT unset = AWS). Throws a
 * `StorageConfigError` listing every missing or invalid variable at once.
 */
export function storageConfigFromEnv(env: Env): StorageConfig {
  const problems: string[] = [];
  const value = (name: string) => {
    const v = env[name]?.trim();
    return v === undefined || v === '' ? undefined : v;
  };
  const required = (name: string) => {
    const v = value(name);
    if (v === undefined) problems.push(`${name} is required`);
    return v ?? '';
  };

  const region = required('S3_REGION');
  const bucket = required('S3_BUCKET');
  const publicUrl = required('S3_PUBLIC_URL');
  const endpoint = value('S3_ENDPOINT');
  const accessKeyId = value('S3_ACCESS_KEY_ID');
  const secretAccessKey = value('S3_SECRET_ACCESS_KEY');
  if ((accessKeyId === undefined) !== (secretAccessKey === undefined)) {
    problems.push('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together');
  }
  const pathStyle = value('S3_FORCE_PATH_STYLE')?.toLowerCase();
  if (pathStyle !== undefined && !['true', 'false', '1', '0'].includes(pathStyle)) {
    problems.push('S3_FORCE_PATH_STYLE must be true or false');
  }
  for (const [name, url] of [['S3_ENDPOINT', endpoint], ['S3_PUBLIC_URL', publicUrl]] as const) {
    if (url && !URL.canParse(url)) problems.push(`${name} must be a URL`);
  }
  if (problems.length > 0) throw new StorageConfigError(problems);

  return Object.freeze({
    endpoint,
    region,
    bucket,
    accessKeyId,
    secretAccessKey,
    forcePathStyle: pathStyle === 'true' || pathStyle === '1',
    publicUrl,
  });
}

/** The validated S3_* settings of a service's config (defaults applied), as the store's config. */
export interface S3Settings {
  S3_ENDPOINT?: string;
  S3_REGION: string;
  S3_BUCKET: string;
  S3_ACCESS_KEY_ID?: string;
  S3_SECRET_ACCESS_KEY?: string;
  S3_FORCE_PATH_STYLE: boolean;
  S3_PUBLIC_URL: string;
}

export function storageConfigFromSettings(s: S3Settings): StorageConfig {
  return Object.freeze({
    endpoint: s.S3_ENDPOINT,
    region: s.S3_REGION,
    bucket: s.S3_BUCKET,
    accessKeyId: s.S3_ACCESS_KEY_ID,
    secretAccessKey: s.S3_SECRET_ACCESS_KEY,
    forcePathStyle: s.S3_FORCE_PATH_STYLE,
    publicUrl: s.S3_PUBLIC_URL,
  });
}
