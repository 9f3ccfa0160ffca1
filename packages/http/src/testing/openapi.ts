// Checks a service's OpenAPI document (GET /docs/json) the way a frontend developer relies on it: every operation
// says what it does, what it takes and what it answers, errors included.

interface Schemaed {
  schema?: unknown;
}
interface Operation {
  operationId?: string;
  summary?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: (Schemaed & { in: string; name: string })[];
  requestBody?: { content?: Record<string, Schemaed> };
  responses?: Record<string, { description?: string; headers?: Record<string, unknown>; content?: Record<string, Schemaed> }>;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: Record<string, Record<string, unknown>>;
}

/** `node` itself, or what its local `$ref` (`#/components/...`) points at, followed until it is not a reference. */
export function resolveRef<T>(doc: { components?: Record<string, Record<string, unknown>> }, node: T): T {
  let current: unknown = node;
  for (let hops = 0; hops < 10; hops++) {
    const ref = (current as { $ref?: unknown } | undefined)?.$ref;
    if (typeof ref !== 'string') return current as T;
    const [, kind, name] = /^#\/components\/([^/]+)\/([^/]+)$/.exec(ref) ?? [];
    current = kind === undefined ? undefined : doc.components?.[kind]?.[name];
    if (current === undefined) throw new Error(`unresolvable $ref ${ref}`);
  }
  throw new Error('$ref chain too long');
}

const BODY_METHODS = new Set(['post', 'put', 'patch']);

/** `GET /products/{id}` for every operation in the document, in document order. */
export function documentedRoutes(doc: OpenApiDocument): string[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`));
}

function isErrorEnvelope(doc: OpenApiDocument, schema: unknown): boolean {
  type Envelope = { required?: string[]; properties?: { error?: { properties?: { code?: { enum?: unknown[] } } } } };
  const s = resolveRef(doc, schema as Envelope | undefined);
  const code = s?.properties?.error?.properties?.code;
  return !!s?.required?.includes('error') && Array.isArray(resolveRef(doc, code)?.enum);
}

/** Everything the document leaves unsaid, one line per gap (empty when every operation is fully described). */
export function openApiGaps(doc: OpenApiDocument): string[] {
  const gaps: string[] = [];
  const operationIds = new Map<string, string>();
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const gap = (what: string) => gaps.push(`${method.toUpperCase()} ${path}: ${what}`);
      if (!op.operationId) gap('no operationId');
      else if (operationIds.has(op.operationId)) gap(`operationId ${op.operationId} already names ${operationIds.get(op.operationId)}`);
      else operationIds.set(op.operationId, `${method.toUpperCase()} ${path}`);
      if (!Array.isArray(op.security)) gap('no security (an empty list when public)');
      if (!op.summary?.trim()) gap('no summary');
      if (!op.tags?.length) gap('no tag');

      const parameters = (op.parameters ?? []).map((p) => resolveRef(doc, p));
      for (const name of path.match(/\{[^}]+\}/g)?.map((p) => p.slice(1, -1)) ?? []) {
        if (!parameters.some((p) => p.in === 'path' && p.name === name)) gap(`path parameter ${name} undocumented`);
      }
      for (const p of parameters) if (p.schema === undefined) gap(`${p.in} parameter ${p.name} has no schema`);
      if (BODY_METHODS.has(method)) {
        const bodies = Object.entries(op.requestBody?.content ?? {});
        if (bodies.length === 0) gap('no request body schema');
        for (const [type, body] of bodies) if (body.schema === undefined) gap(`request body ${type} has no schema`);
      }

      const responses = Object.entries(op.responses ?? {}).map(([status, response]) => [status, resolveRef(doc, response)] as const);
      for (const [status, response] of responses) if (!response.headers?.['x-request-id']) gap(`${status} does not document x-request-id`);
      const successes = responses.filter(([status]) => status.startsWith('2'));
      if (successes.length === 0) gap('no success response');
      for (const [status, response] of successes) {
        const contents = Object.entries(response.content ?? {});
        if (status === '204') {
          if (contents.length > 0) gap('204 with a body');
        } else if (contents.length === 0 || contents.some(([, c]) => c.schema === undefined)) {
          gap(`${status} has no response schema`);
        }
      }
      const errors = responses.filter(([status]) => Number(status) >= 400);
      if (path !== '/health/live' && errors.length === 0) gap('no error responses');
      for (const [status, response] of errors) {
        if (!isErrorEnvelope(doc, response.content?.['application/json']?.schema)) gap(`${status} is not the error envelope`);
        if (!response.description?.trim()) gap(`${status} has no description`);
      }
      if (op.security?.length && !op.responses?.['401']) gap('authenticated but no 401');
    }
  }
  return gaps;
}
