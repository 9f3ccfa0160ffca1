import type { Static, TObject, TSchema } from 'typebox';
import Value from 'typebox/value';

export interface ConfigProblem {
  variable: string;
  reason: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';

  constructor(readonly problems: ConfigProblem[]) {
    const lines = problems.map(({ variable, reason }) => `  ${variable}: ${reason}`);
    super(`Invalid configuration:\n${lines.join('\n')}`);
  }
}

type PropertySchema = TSchema & { type?: unknown; default?: unknown; errorMessage?: string; refine?: ConfigRefinement };

/** A check beyond the schema (a property option `refine`): the reason a valid-looking value is refused. */
export type ConfigRefinement = (value: never) => string | undefined;

/**
 * Validates environment variables against a TypeBox object schema. Numbers, booleans and comma lists are
 * coerced from their string form, defaults fill unset variables (an empty or blank value counts as unset), and every
 * problem is reported at once so a broken deployment is fixed in one round. A property may carry an
 * `errorMessage` option to replace the generic validator text, and a `refine` option for checks a schema
 * cannot say (see ConfigRefinement). `moreProblems` are those another reader found in the same environment
 * (the S3_* variables, read by @brandi/storage), reported in the same error.
 */
export function loadConfig<T extends TObject>(
  schema: T,
  env: NodeJS.ProcessEnv = process.env,
  moreProblems: readonly ConfigProblem[] = [],
): Readonly<Static<T>> {
  const required = new Set<string>(schema.required ?? []);
  const config: Record<string, unknown> = {};
  const problems: ConfigProblem[] = [];

  for (const [variable, property] of Object.entries(schema.properties) as [string, PropertySchema][]) {
    const raw = env[variable];
    if (raw === undefined || raw.trim() === '') {
      if (property.default !== undefined) config[variable] = structuredClone(property.default);
      else if (required.has(variable)) problems.push({ variable, reason: 'required' });
      continue;
    }
    const value = coerce(property, raw);
    if (!Value.Check(property, value)) {
      problems.push({ variable, reason: describeProblem(property, value) });
      continue;
    }
    const refused = property.refine?.(value as never);
    if (refused !== undefined) problems.push({ variable, reason: refused });
    else config[variable] = value;
  }

  problems.push(...moreProblems);
  if (problems.length > 0) throw new ConfigError(problems);
  for (const value of Object.values(config)) if (typeof value === 'object' && value !== null) Object.freeze(value);
  return Object.freeze(config) as Readonly<Static<T>>;
}

function coerce(property: PropertySchema, raw: string): unknown {
  switch (property.type) {
    case 'integer':
    case 'number':
      // Number('') and Number(' ') are 0, and parseInt('1.5') is 1: accept only a plain decimal literal.
      return /^-?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : raw;
    case 'boolean': {
      const normalized = raw.trim().toLowerCase();
      if (normalized === 'true' || normalized === '1') return true;
      if (normalized === 'false' || normalized === '0') return false;
      return raw;
    }
    case 'array':
      return raw
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== '');
    default:
      return raw;
  }
}

function describeProblem(property: PropertySchema, value: unknown): string {
  if (typeof property.errorMessage === 'string') return property.errorMessage;
  const [first] = Value.Errors(property, value);
  return first?.message ?? 'is invalid';
}
