import type { StorageConfig } from './object-store.js';

// The one reader of the S3_* environment variables: both services, `storage:sweep`, `storage:thumbnails`, the
// demo seed and the dev runner all go through `readS3Config`, so every one applies the same defaults and rules.

/** One bad variable: its name and why (the shape of a service's config problems). */
export interface S3ConfigProblem {
  variable: string;
  reason: string;
}

export class StorageConfigError extends Error {
  override readonly name = 'StorageConfigError';
  /** Human-readable lines, `S3_BUCKET: required`. */
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`Invalid storage configuration: ${problems.join('; ')}`);
    this.problems = problems;
  }
}

export const DEFAULT_S3_REGION = 'ap-northeast-2';

type Env = Record<string, string | undefined>;

export type S3ConfigResult = { config: StorageConfig; problems: [] } | { config: undefined; problems: S3ConfigProblem[] };

/**
 * The S3 settings from the environment (S3_ENDPOINT unset = AWS; a blank value counts as unset). Never throws:
 * returns the config, or every missing or invalid variable at once.
 */
export function readS3Config(env: Env): S3ConfigResult {
  const problems: S3ConfigProblem[] = [];
  const value = (name: string) => {
    const v = env[name]?.trim();
    return v === undefined || v === '' ? undefined : v;
  };
  const required = (name: string) => {
    const v = value(name);
    if (v === undefined) problems.push({ variable: name, reason: 'required' });
    return v ?? '';
  };

  const endpoint = value('S3_ENDPOINT');
  if (endpoint !== undefined && !/^https?:\/\/\S+$/.test(endpoint))
    problems.push({ variable: 'S3_ENDPOINT', reason: 'must be an http(s) URL' });
  const region = value('S3_REGION') ?? DEFAULT_S3_REGION;
  const bucket = required('S3_BUCKET');
  const accessKeyId = value('S3_ACCESS_KEY_ID');
  const secretAccessKey = value('S3_SECRET_ACCESS_KEY');
  if ((accessKeyId === undefined) !== (secretAccessKey === undefined)) {
    problems.push({
      variable: accessKeyId === undefined ? 'S3_ACCESS_KEY_ID' : 'S3_SECRET_ACCESS_KEY',
      reason: 'must be set together with its pair',
    });
  }
  const pathStyle = value('S3_FORCE_PATH_STYLE')?.toLowerCase();
  if (pathStyle !== undefined && !['true', 'false', '1', '0'].includes(pathStyle)) {
    problems.push({ variable: 'S3_FORCE_PATH_STYLE', reason: 'must be true or false' });
  }
  // Object URLs are `${S3_PUBLIC_URL}/<key>`, so a trailing slash would double up.
  const publicUrl = required('S3_PUBLIC_URL');
  if (publicUrl !== '' && !/^https?:\/\/\S*[^/\s]$/.test(publicUrl)) {
    problems.push({ variable: 'S3_PUBLIC_URL', reason: 'must be an http(s) URL without a trailing slash' });
  }
  if (problems.length > 0) return { config: undefined, problems };

  const config: StorageConfig = Object.freeze({
    endpoint,
    region,
    bucket,
    accessKeyId,
    secretAccessKey,
    forcePathStyle: pathStyle === 'true' || pathStyle === '1',
    publicUrl,
  });
  return { config, problems: [] };
}

/** `readS3Config` for command-line tools: throws a `StorageConfigError` listing every problem. */
export function storageConfigFromEnv(env: Env): StorageConfig {
  const { config, problems } = readS3Config(env);
  if (config === undefined) throw new StorageConfigError(problems.map(({ variable, reason }) => `${variable}: ${reason}`));
  return config;
}
