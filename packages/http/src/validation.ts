import { Ajv, type ErrorObject, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import type { ErrorDetail } from './errors.js';

// ajv-formats is CommonJS with `exports.default`; under NodeNext its default import is the module object.
const addFormats = addFormatsModule.default;

const sharedOptions: Options = {
  allErrors: true,
  // Fastify's default silently drops unknown properties; the API answers 400 instead.
  removeAdditional: false,
  useDefaults: true,
  addUsedSchema: false,
  // keeps the failing subschema on each error so a union of literals can list its allowed values
  verbose: true,
};

function createAjv(coerceTypes: Options['coerceTypes']): Ajv {
  const ajv = new Ajv({ ...sharedOptions, coerceTypes });
  addFormats(ajv, ['date-time', 'date', 'time', 'email', 'uri', 'uuid']);
  // OpenAPI annotation that ajv's strict mode would otherwise reject
  ajv.addKeyword('example');
  // ajv's integer type accepts Infinity ("1e309") and unsafe integers ("99999999999999999999999"), which
  // then reach SQL as nonsense; every integer slot also gets this check (see withSafeIntegers).
  ajv.addKeyword({
    keyword: 'safeInteger',
    schemaType: 'boolean',
    validate: function safeInteger(_schema: boolean, data: unknown) {
      (safeInteger as { errors?: unknown[] }).errors = [{ keyword: 'safeInteger', message: 'must be an integer in range', params: {} }];
      return typeof data !== 'number' || Number.isSafeInteger(data);
    },
  });
  return ajv;
}

/** A copy of `schema` where every `type: 'integer'` node also requires a safe integer. */
function withSafeIntegers(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withSafeIntegers);
  if (schema === null || typeof schema !== 'object') return schema;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) copy[key] = withSafeIntegers(value);
  if (copy.type === 'integer') copy.safeInteger = true;
  return copy;
}

// JSON bodies carry real types, so "10" for a number is a client bug; query strings, params and headers are
// always text and are coerced ('array' lets `a=1&a=2` and `a=1` both fill an array).
const bodyAjv = createAjv(false);
const textAjv = createAjv('array');

export const compileValidator: FastifySchemaCompiler<Record<string, unknown>> = ({ schema, httpPart }) => {
  const safe = withSafeIntegers(schema) as Record<string, unknown>;
  if (httpPart === 'body') return bodyAjv.compile(safe);
  // API.md: unknown query parameters are a 400, so an object querystring is closed unless it says otherwise.
  const closed =
    httpPart === 'querystring' && safe.type === 'object' && safe.additionalProperties === undefined
      ? { ...safe, additionalProperties: false }
      : safe;
  return textAjv.compile(closed);
};

// allErrors makes every error reachable; a client needs only the first few.
const MAX_DETAILS = 20;

/** Turns ajv errors into the API's `[{field, message}]`, fields as dotted paths (`options.0.color`). */
export function toErrorDetails(errors: ErrorObject[], part: string): ErrorDetail[] {
  const unions = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  const insideUnion = (e: ErrorObject) => unions.some((u) => e !== u && e.schemaPath.startsWith(`${u.schemaPath}/`));
  const details: ErrorDetail[] = [];
  const seen = new Set<string>();

  for (const error of errors) {
    if (insideUnion(error)) continue;
    const detail = toDetail(error, errors, part);
    const key = `${detail.field}\u0000${detail.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    details.push(detail);
    if (details.length === MAX_DETAILS) break;
  }
  return details;
}

function toDetail(error: ErrorObject, all: ErrorObject[], part: string): ErrorDetail {
  const path = error.instancePath.split('/').slice(1).map(unescapePointer);
  switch (error.keyword) {
    case 'required':
      return { field: joinField(path, error.params.missingProperty), message: 'is required' };
    case 'additionalProperties':
      return { field: joinField(path, error.params.additionalProperty), message: 'is not allowed' };
    case 'enum':
      return { field: joinField(path) || part, message: `must be one of: ${error.params.allowedValues.join(', ')}` };
    case 'anyOf':
    case 'oneOf':
      return { field: joinField(path) || part, message: describeUnion(error, all) };
    default:
      return { field: joinField(path) || part, message: error.message ?? 'is invalid' };
  }
}

function describeUnion(union: ErrorObject, all: ErrorObject[]): string {
  const branches = Array.isArray(union.schema) ? (union.schema as Array<{ const?: unknown }>) : [];
  if (branches.length > 0 && branches.every((branch) => branch.const !== undefined)) {
    return `must be one of: ${branches.map((branch) => String(branch.const)).join(', ')}`;
  }
  const branchMessages = all
    .filter((e) => e !== union && e.schemaPath.startsWith(`${union.schemaPath}/`) && e.message)
    .map((e) => e.message as string);
  return [...new Set(branchMessages)].join(' or ') || (union.message ?? 'is invalid');
}

const joinField = (path: string[], last?: unknown) =>
  (last === undefined ? path : [...path, String(last)]).join('.');

const unescapePointer = (segment: string) => segment.replace(/~1/g, '/').replace(/~0/g, '~');
