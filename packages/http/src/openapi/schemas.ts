import Type, { type TSchema } from 'typebox';

// Vendor keywords that only the OpenAPI document reads (finishOpenApiDocument consumes them); validation
// ignores them (validation.ts declares them to ajv) and so does serialization.

/** Names a schema for components/schemas. */
export const SCHEMA_NAME = 'x-schema-name';
/** Names a whole standard response for components/responses (an error envelope response, see errorResponses). */
export const RESPONSE_NAME = 'x-response-name';
/** @fastify/swagger's own keyword: a response's description, removed from the schema. */
export const RESPONSE_DESCRIPTION = 'x-response-description';

/**
 * Names a shared schema: the OpenAPI document lists it once under `components/schemas/<name>` and every use is a
 * `$ref` to it, so generated clients get one type per shape. Validation and serialization are unchanged (the
 * schema itself is used, no reference is resolved at run time). Returns the same schema object, marked.
 */
export function namedSchema<T extends TSchema>(name: string, schema: T): T {
  (schema as Record<string, unknown>)[SCHEMA_NAME] = name;
  return schema;
}

/**
 * namedSchema for several at once, keyed by name: `nameSchemas({ ProductDetail, ProductOption: ProductDetail.properties.options.items })`
 * (schemas are marked in place, so a nested one can be named where it is declared inline).
 */
export function nameSchemas(schemas: Record<string, TSchema>): void {
  for (const [name, schema] of Object.entries(schemas)) namedSchema(name, schema);
}

/** An OpenAPI response header: its schema and what it means. */
export interface ResponseHeader {
  description: string;
  schema: TSchema;
}

/**
 * A response schema that also documents the headers the route sets (ETag, Content-Disposition...); the body
 * schema is unchanged. `x-request-id` is documented on every response already.
 */
export function withResponseHeaders<T extends object>(schema: T, headers: Record<string, ResponseHeader>): T {
  // @fastify/swagger reads a response schema's `headers` map (each a schema with a description).
  const described = Object.fromEntries(
    Object.entries(headers).map(([name, header]) => [name, { ...header.schema, description: header.description }]),
  );
  return { ...schema, headers: described } as T;
}

/** `ETag` as the routes that answer 304 to a matching `If-None-Match` send it. */
export const ETAG_HEADER: ResponseHeader = {
  description: "The representation's entity tag; send it back as If-None-Match to get a 304 while it is unchanged",
  schema: Type.String(),
};
