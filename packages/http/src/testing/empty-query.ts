import type { InjectOptions, LightMyRequestResponse } from 'fastify';

interface QueryDoc {
  paths: Record<string, Record<string, { parameters?: { in: string; name: string }[] }>>;
}

type Injectable = { inject(request: InjectOptions): Promise<LightMyRequestResponse> };

/** Status, content type and (JSON) body: what must not change when an empty query value is added. */
function answerOf(res: LightMyRequestResponse): unknown {
  const type = String(res.headers['content-type'] ?? '');
  return { status: res.statusCode, type, body: type.includes('json') ? res.json() : undefined };
}

/**
 * API.md: an empty query value (`?q=&sellerName=`, as HTML forms send) means the parameter was left out. For
 * every GET operation of `app`'s own OpenAPI document, sends each query parameter empty, then all of them at
 * once, and compares the answers with the request without them (a required one left empty is then its usual
 * "is required" 400). Describes each difference; `checked` counts the requests compared.
 */
export async function emptyQueryDifferences(
  app: Injectable,
  headers: Record<string, string>,
): Promise<{ checked: number; differences: string[] }> {
  const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json() as QueryDoc;
  const differences: string[] = [];
  let checked = 0;
  for (const [path, operations] of Object.entries(doc.paths)) {
    const names = (operations.get?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
    if (path.startsWith('/docs') || names.length === 0) continue;
    const url = path.replace(/\{[^}]+\}/g, '1');
    const expected = answerOf(await app.inject({ method: 'GET', url, headers }));
    for (const query of names.length > 1 ? [...names.map((name) => [name]), names] : [names]) {
      const emptied = `${url}?${query.map((name) => `${encodeURIComponent(name)}=`).join('&')}`;
      const actual = answerOf(await app.inject({ method: 'GET', url: emptied, headers }));
      checked++;
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        differences.push(`GET ${emptied}: ${JSON.stringify(actual).slice(0, 300)} instead of ${JSON.stringify(expected).slice(0, 300)}`);
      }
    }
  }
  return { checked, differences };
}
