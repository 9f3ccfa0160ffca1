import Type from 'typebox';
import { finishOpenApiDocument, type OpenApiObject } from './finish.js';
import { namedSchema, SCHEMA_NAME } from './schemas.js';

// What @fastify/swagger hands over: route schemas copied in, markers included.
const json = (schema: unknown) => JSON.parse(JSON.stringify(schema));
/** The node at a path of keys. */
const at = (root: unknown, ...keys: string[]): unknown => keys.reduce((node, key) => (node as Record<string, unknown>)[key], root);
const Item = namedSchema('Item', Type.Object({ id: Type.Integer(), kind: Type.Enum(['a', 'b']) }));

function docWith(responses: Record<string, unknown>, requestBody?: unknown): OpenApiObject {
  return {
    openapi: '3.1.0',
    paths: { '/items': { post: { operationId: 'addItem', responses, ...(requestBody ? { requestBody } : {}) } } },
  };
}

test('a named schema is one component, every use a $ref (a use keeps its own description beside it)', () => {
  const page = {
    type: 'object',
    properties: { items: { type: 'array', items: json(Item) }, first: { ...json(Item), description: 'The first' } },
  };
  const doc = finishOpenApiDocument(docWith({ 200: { description: 'OK', content: { 'application/json': { schema: page } } } }));
  const schema = at(doc, 'paths', '/items', 'post', 'responses', '200', 'content', 'application/json', 'schema');
  expect(at(schema, 'properties', 'items', 'items')).toEqual({ $ref: '#/components/schemas/Item' });
  expect(at(schema, 'properties', 'first')).toEqual({ $ref: '#/components/schemas/Item', description: 'The first' });
  const component = at(doc, 'components', 'schemas', 'Item');
  expect(component).not.toHaveProperty(SCHEMA_NAME);
  expect(at(component, 'properties', 'kind')).toEqual({ enum: ['a', 'b'], type: 'string' });
});

test('two different shapes under one name are refused', () => {
  const other = { ...json(Item), properties: { id: { type: 'string' } } };
  const body = { type: 'object', properties: { a: json(Item), b: other } };
  expect(() => finishOpenApiDocument(docWith({ 200: { description: 'OK', content: { 'application/json': { schema: body } } } }))).toThrow(
    /two different schemas are named Item/,
  );
});

test('operations get security [] and x-request-id; JSON parts of a form get their content type', () => {
  const form = {
    content: {
      'multipart/form-data': {
        schema: {
          type: 'object',
          properties: {
            item: json(Item),
            order: { type: 'array', items: { type: 'integer' } },
            files: { type: 'array', items: { type: 'string', format: 'binary' } },
          },
        },
      },
    },
  };
  const doc = finishOpenApiDocument(docWith({ 201: { description: 'Created' } }, form));
  const op = doc.paths['/items'].post;
  expect(op.security).toEqual([]);
  expect(at(op, 'responses', '201', 'headers', 'x-request-id')).toEqual({ $ref: '#/components/headers/RequestId' });
  expect(at(op, 'requestBody', 'content', 'multipart/form-data', 'encoding')).toEqual({
    item: { contentType: 'application/json' },
    order: { contentType: 'application/json' },
  });
});
