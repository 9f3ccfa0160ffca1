import { Ajv, type ErrorObject, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import type { ErrorDetail } from './errors.js';
import { RESPONSE_DESCRIPTION, RESPONSE_NAME, SCHEMA_NAME } from './openapi/schemas.js';

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
  addFormats(ajv, ['time', 'email', 'uri', 'uuid']);
  // ajv-formats' own date-time passes 23:59:60 and year 0000, which Date and the database then misread.
  ajv.addFormat('date-time', { type: 'string', validate: (text: string) => parseDateTime(text) !== null });
  ajv.addFormat('date', { type: 'string', validate: (text: string) => parseDate(text) !== null });
  // OpenAPI annotations that ajv's strict mode would otherwise reject
  for (const keyword of ['example', SCHEMA_NAME, RESPONSE_NAME, RESPONSE_DESCRIPTION]) ajv.addKeyword(keyword);
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

// Years are those a MySQL DATETIME holds (1000-9999); Date.UTC would also read years 0-99 as 1900-1999.
const MIN_YEAR = 1000;
const MAX_YEAR = 9999;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(?:Z|([+-])(\d{2}):(\d{2}))$/i;

/** Whether the UTC fields of `at` are exactly these (so no field overflowed into the next: Feb 30, 24:00, :60). */
function fieldsAre(at: Date, fields: number[]): boolean {
  const actual = [at.getUTCFullYear(), at.getUTCMonth() + 1, at.getUTCDate(), at.getUTCHours(), at.getUTCMinutes(), at.getUTCSeconds()];
  return fields.every((value, i) => actual[i] === value);
}

/**
 * An RFC 3339 date-time (`2026-11-23T10:00:00.000Z`, or with an offset, at most millisecond precision) as the
 * instant it names; null when it names none: a leap second, Feb 30, 24:00, an offset past ±23:59, a year
 * outside 1000-9999. What is accepted round-trips: `toISOString()` is the input, normalised to UTC.
 */
export function parseDateTime(text: string): Date | null {
  const match = DATE_TIME.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const millis = Number((match[7] ?? '').padEnd(3, '0'));
  const local = new Date(Date.UTC(year, month - 1, day, hour, minute, second, millis));
  if (!fieldsAre(local, [year, month, day, hour, minute, second])) return null;
  let offsetMinutes = 0;
  if (match[8]) {
    const [offsetHours, offsetMins] = [Number(match[9]), Number(match[10])];
    if (offsetHours > 23 || offsetMins > 59) return null;
    offsetMinutes = (match[8] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  const at = new Date(local.getTime() - offsetMinutes * 60_000);
  const utcYear = at.getUTCFullYear();
  return year >= MIN_YEAR && utcYear >= MIN_YEAR && utcYear <= MAX_YEAR ? at : null;
}

/** A calendar date `YYYY-MM-DD` (years 1000-9999) as its UTC midnight; null for Feb 30 and the like. */
export function parseDate(text: string): Date | null {
  const match = DATE.exec(text);
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number);
  const at = new Date(Date.UTC(year, month - 1, day));
  return year >= MIN_YEAR && fieldsAre(at, [year, month, day, 0, 0, 0]) ? at : null;
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
    case 'format':
      return { field: joinField(path) || part, message: FORMAT_MESSAGES[error.params.format] ?? error.message ?? 'is invalid' };
    case 'enum':
      return { field: joinField(path) || part, message: `must be one of: ${error.params.allowedValues.join(', ')}` };
    case 'anyOf':
    case 'oneOf':
      return { field: joinField(path) || part, message: describeUnion(error, all) };
    default:
      return { field: joinField(path) || part, message: error.message ?? 'is invalid' };
  }
}

const FORMAT_MESSAGES: Record<string, string> = {
  'date-time':
    'must be an ISO 8601 date-time that exists, e.g. 2026-11-23T10:00:00.000Z (years 1000-9999, no leap seconds, at most milliseconds)',
  date: 'must be a calendar date YYYY-MM-DD that exists (years 1000-9999)',
};

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

const joinField = (path: string[], last?: unknown) => (last === undefined ? path : [...path, String(last)]).join('.');

const unescapePointer = (segment: string) => segment.replace(/~1/g, '/').replace(/~0/g, '~');
