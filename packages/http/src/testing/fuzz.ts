import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { resolveRef } from './openapi.js';

/** Hostile values for every string, number and path slot. */
export const HOSTILE_VALUES = [
  '',
  ' ',
  '-1',
  '0',
  '1.5',
  '1e309',
  '99999999999999999999999',
  'NaN',
  'null',
  'true',
  '[]',
  '{}',
  "' OR 1=1 --",
  '"; DROP TABLE products; --',
  '%',
  '_',
  '\\',
  '../../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '%00',
  '<script>alert(1)</script>',
  '상품🙂',
  '\u202e\u0000',
  'x'.repeat(5000),
];

const HOSTILE_BODIES: { payload: string; contentType: string }[] = [
  { payload: '{', contentType: 'application/json' },
  { payload: '{"a":', contentType: 'application/json' },
  { payload: 'null', contentType: 'application/json' },
  { payload: '[]', contentType: 'application/json' },
  { payload: '"string"', contentType: 'application/json' },
  { payload: '{"__proto__":{"admin":true}}', contentType: 'application/json' },
  { payload: JSON.stringify({ x: 'y'.repeat(200_000) }), contentType: 'application/json' },
  { payload: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' },
  { payload: '<xml/>', contentType: 'text/xml' },
  { payload: 'plain', contentType: 'text/plain' },
  { payload: '--x\r\nContent-Disposition: form-data; name="product"\r\n\r\n{"name":', contentType: 'multipart/form-data; boundary=x' },
  { payload: 'garbage', contentType: 'multipart/form-data' },
];

interface OpenApiDoc {
  paths: Record<string, Record<string, { parameters?: { in: string; name: string }[]; requestBody?: unknown }>>;
  components?: Record<string, Record<string, unknown>>;
}

function fill(path: string, value: string): string {
  return path.replace(/\{[^}]+\}/g, encodeURIComponent(value));
}

/**
 * Malformed requests for every operation of an OpenAPI document: hostile path ids, every query parameter set
 * to each hostile value, unknown parameters, and broken bodies of the wrong type or shape.
 */
export function generateHostileRequests(doc: OpenApiDoc, headers: Record<string, string> = {}): InjectOptions[] {
  const requests: InjectOptions[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    if (path.startsWith('/docs')) continue;
    for (const [method, op] of Object.entries(operations)) {
      const verb = method.toUpperCase() as InjectOptions['method'];
      const queryNames = (op.parameters ?? [])
        .map((p) => resolveRef(doc, p))
        .filter((p) => p.in === 'query')
        .map((p) => p.name);
      const basePath = fill(path, '1');
      if (path.includes('{')) {
        for (const value of HOSTILE_VALUES) requests.push({ method: verb, url: fill(path, value), headers });
      }
      for (const name of queryNames) {
        for (const value of HOSTILE_VALUES) requests.push({ method: verb, url: basePath, query: { [name]: value }, headers });
      }
      requests.push({ method: verb, url: basePath, query: { unknownParam: '1' }, headers });
      if (verb !== 'GET' && verb !== 'DELETE') {
        for (const body of HOSTILE_BODIES) {
          requests.push({ method: verb, url: basePath, payload: body.payload, headers: { ...headers, 'content-type': body.contentType } });
        }
        for (const value of HOSTILE_VALUES.slice(0, 12)) {
          requests.push({
            method: verb,
            url: basePath,
            payload: { product: value, content: value, loginId: value, password: value, typeId: value },
            headers,
          });
        }
      }
    }
  }
  return requests;
}

const LEAKS = [/\n\s+at\s/, /\bER_[A-Z_]+/, /\bselect\s.+\sfrom\s/i, /\binsert into\b/i, /sql syntax/i, /node_modules/, /\.ts:\d+/];

/** A description of what is wrong with a response to a hostile request, or null when it is acceptable. */
export function findResponseProblem(res: LightMyRequestResponse): string | null {
  if (res.statusCode >= 500) return `status ${res.statusCode}: ${res.body.slice(0, 300)}`;
  for (const leak of LEAKS) if (leak.test(res.body)) return `body leaks ${leak}: ${res.body.slice(0, 300)}`;
  if (res.statusCode < 400) return null;
  let body: unknown;
  try {
    body = JSON.parse(res.body);
  } catch {
    return `status ${res.statusCode} with a non-JSON body: ${res.body.slice(0, 200)}`;
  }
  const error = (body as { error?: { code?: unknown; message?: unknown } }).error;
  if (typeof error?.code !== 'string' || typeof error.message !== 'string')
    return `status ${res.statusCode} without the error envelope: ${res.body.slice(0, 200)}`;
  return null;
}

/**
 * Sends the hostile requests of `app`'s own OpenAPI document once per header set (anonymous, each role's token,
 * a broken token...) and describes every response that is not acceptable; `sent` counts the requests.
 */
export async function fuzzApp(
  app: { inject(request: InjectOptions): Promise<LightMyRequestResponse> },
  headerSets: Record<string, string>[],
): Promise<{ sent: number; problems: string[] }> {
  const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json() as OpenApiDoc;
  const requests = headerSets.flatMap((headers) => generateHostileRequests(doc, headers));
  const problems: string[] = [];
  for (const request of requests) {
    const res = await app.inject(request);
    const problem = findResponseProblem(res);
    if (problem) problems.push(`${request.method} ${request.url} ${JSON.stringify(request.query ?? '')}: ${problem}`);
  }
  return { sent: requests.length, problems };
}
