import { documentedRoutes, openApiGaps, type OpenApiDocument } from '@brandi/http/testing';
import { startTestApp, type TestContext } from './harness.js';

let ctx: TestContext;
let doc: OpenApiDocument;
beforeAll(async () => {
  ctx = await startTestApp();
  doc = (await ctx.app.inject({ method: 'GET', url: '/docs/json' })).json();
});
afterAll(() => ctx.close());

test('the OpenAPI document lists every shopper route, and only those', () => {
  expect(documentedRoutes(doc).sort()).toEqual(
    [
      'GET /health/live',
      'GET /health/ready',
      'POST /auth/signup',
      'POST /auth/login',
      'GET /categories',
      'GET /products',
      'GET /products/{id}',
      'GET /sellers',
      'GET /sellers/{id}',
      'GET /question-types',
      'GET /products/{id}/questions',
      'POST /products/{id}/questions',
      'DELETE /questions/{id}',
      'GET /me/questions',
    ].sort(),
  );
});

test('every route documents its request, its answers (errors as the envelope) and what it does', () => {
  expect(openApiGaps(doc)).toEqual([]);
  expect(doc.paths['/auth/login'].post.responses).toHaveProperty('429');
  expect(doc.paths['/categories'].get.responses).toHaveProperty('304');
});

test('the checker finds what a route leaves out', () => {
  const bare: OpenApiDocument = {
    paths: { '/things/{id}': { patch: { responses: { 200: { description: 'ok' }, 404: { description: 'gone' } }, security: [{ bearerAuth: [] }] } } },
  };
  expect(openApiGaps(bare)).toEqual([
    'PATCH /things/{id}: no summary',
    'PATCH /things/{id}: no tag',
    'PATCH /things/{id}: path parameter id undocumented',
    'PATCH /things/{id}: no request body schema',
    'PATCH /things/{id}: 200 has no response schema',
    'PATCH /things/{id}: 404 is not the error envelope',
    'PATCH /things/{id}: authenticated but no 401',
  ]);
});
