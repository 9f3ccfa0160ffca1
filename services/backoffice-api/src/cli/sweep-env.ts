import { StorageConfigError, storageConfigFromEnv, type StorageConfig } from '@brandi/storage';

export interface SweepEnv {
  databaseUrl: string;
  storage: StorageConfig;
  graceSeconds: number;
}

/** Reads the sweep CLI's environment; throws a `StorageConfigError` naming every bad variable. */
export function readSweepEnv(env: Record<string, string | undefined>): SweepEnv {
  const problems: string[] = [];
  const databaseUrl = env.DATABASE_URL?.trim() ?? '';
  if (databaseUrl === '') problems.push('DATABASE_URL is required');

  let storage: StorageConfig | undefined;
  try {
    storage = storageConfigFromEnv(env);
  } catch (err) {
    if (!(err instanceof StorageConfigError)) throw err;
    problems.push(...err.problems);
  }

  const graceText = env.SWEEP_GRACE_SECONDS?.trim() || '3600';
  const graceSeconds = Number(graceText);
  if (!/^\d+$/.test(graceText) || !Number.isSafeInteger(graceSeconds)) {
    problems.push('SWEEP_GRACE_SECONDS must be a whole number of seconds');
  }

  if (problems.length > 0 || storage === undefined) throw new StorageConfigError(problems);
  return { databaseUrl, storage, graceSeconds };
}
