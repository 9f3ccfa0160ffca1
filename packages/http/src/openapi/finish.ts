import { STATUS_CODES } from 'node:http';
import { RESPONSE_NAME, SCHEMA_NAME } from './schemas.js';

// What @fastify/swagger builds from the route schemas, finished for client generators (its transformObject):
// named schemas and standard responses become components referenced by $ref, every response documents
// x-request-id, every operation declares its security, enums say their type and multipart JSON parts say so.

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

const SCHEMAS = '#/components/schemas/';
const RESPONSES = '#/components/responses/';
const REQUEST_ID = { $ref: '#/components/headers/RequestId' };
const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

export interface OpenApiObject {
  paths: Record<string, Record<string, Json>>;
  components?: Json;
  [key: string]: unknown;
}

/** The finishing pass (see the file comment); throws when two different shapes carry one name. */
export function finishOpenApiDocument<D extends OpenApiObject>(doc: D): D {
  const components = { ...(doc.components ?? {}) };
  const schemas: Json = { ...((components.schemas as Json | undefined) ?? {}) };
  const responses: Json = { ...((components.responses as Json | undefined) ?? {}) };
  const operations = Object.values(doc.paths).flatMap((item) =>
    Object.entries(item)
      .filter(([method]) => METHODS.has(method))
      .map(([, op]) => op),
  );

  for (const op of operations) {
    op.security ??= [];
    const opResponses = (op.responses ?? {}) as Record<string, Json>;
    for (const [status, response] of Object.entries(opResponses)) {
      // @fastify/swagger's placeholder for a schema without a description: the status's reason phrase says more.
      if (response.description === 'Default Response') response.description = STATUS_CODES[status] ?? status;
      opResponses[status] = standardResponse(response, responses) ?? response;
    }
    const multipart = ((op.requestBody as Json | undefined)?.content as Record<string, Json> | undefined)?.['multipart/form-data'];
    if (multipart) describeJsonParts(multipart);
  }
  for (const response of [...operations.flatMap((op) => Object.values(op.responses as Json)), ...Object.values(responses)]) {
    if (isObject(response) && response.$ref === undefined) response.headers = { 'x-request-id': REQUEST_ID, ...(response.headers as Json) };
  }

  const seen = new Map<string, string>();
  const paths = extractNamed(doc.paths, schemas, seen) as D['paths'];
  const responseComponents = extractNamed(responses, schemas, seen) as Json;
  const namedSchemas = Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, extractNamed(schema, schemas, seen)]));
  addEnumTypes(paths);
  addEnumTypes(namedSchemas);
  addEnumTypes(responseComponents);

  return {
    ...doc,
    paths,
    components: {
      ...components,
      schemas: sortedByKey(namedSchemas),
      responses: sortedByKey(responseComponents),
      headers: {
        ...(components.headers as Json | undefined),
        RequestId: {
          description: 'The request id: the X-Request-Id the client sent when it is 1-128 of [A-Za-z0-9._-], else a new UUID',
          required: true,
          schema: { type: 'string' },
        },
      },
    },
  };
}

/** A $ref to the standard response this one is (first seen becomes the component), or undefined. */
function standardResponse(response: Json, responses: Json): Json | undefined {
  const content = response.content as Record<string, { schema?: Json }> | undefined;
  const schema = content?.['application/json']?.schema;
  const name = schema?.[RESPONSE_NAME];
  if (typeof name !== 'string' || !schema) return undefined;
  delete schema[RESPONSE_NAME];
  responses[name] ??= response;
  return { $ref: `${RESPONSES}${name}` };
}

/** Multipart parts holding JSON (objects, arrays of non-files) get `encoding.contentType: application/json`. */
function describeJsonParts(media: Json): void {
  const properties = (media.schema as Json | undefined)?.properties as Record<string, Json> | undefined;
  if (!properties) return;
  const encoding: Json = { ...(media.encoding as Json | undefined) };
  for (const [name, part] of Object.entries(properties)) {
    const items = part.items as Json | undefined;
    const isFiles = part.type === 'array' && items?.format === 'binary';
    if ((part.type === 'object' || part.type === 'array') && !isFiles) encoding[name] ??= { contentType: 'application/json' };
  }
  if (Object.keys(encoding).length > 0) media.encoding = encoding;
}

/**
 * A copy of `node` where every schema marked with a name is a $ref to `schemas[name]` (filled in here). A use's own
 * `description` stays beside its $ref (OpenAPI 3.1 allows it), so `{ ...Named, description }` is still Named.
 */
function extractNamed(node: unknown, schemas: Json, seen: Map<string, string>): unknown {
  if (Array.isArray(node)) return node.map((item) => extractNamed(item, schemas, seen));
  if (!isObject(node)) return node;
  const copy: Json = {};
  for (const [key, value] of Object.entries(node)) copy[key] = extractNamed(value, schemas, seen);
  const name = copy[SCHEMA_NAME];
  if (typeof name !== 'string') return copy;
  delete copy[SCHEMA_NAME];
  const { description, ...shape } = copy;
  const text = JSON.stringify(shape);
  const before = seen.get(name);
  if (before !== undefined && before !== text) {
    throw new Error(`OpenAPI: two different schemas are named ${name}:\n${before}\n${text}`);
  }
  seen.set(name, text);
  schemas[name] = shape;
  return description === undefined ? { $ref: `${SCHEMAS}${name}` } : { $ref: `${SCHEMAS}${name}`, description };
}

/** JSON type of each enum value (integers apart), so `enum` never stands without `type`. */
function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return Array.isArray(value) ? 'array' : typeof value;
}

function addEnumTypes(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) addEnumTypes(item);
    return;
  }
  if (!isObject(node)) return;
  if (Array.isArray(node.enum) && node.type === undefined) {
    const types = [...new Set(node.enum.map(typeOf))];
    node.type = types.length === 1 ? types[0] : types;
  }
  for (const value of Object.values(node)) addEnumTypes(value);
}

const sortedByKey = (record: Json): Json => Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
