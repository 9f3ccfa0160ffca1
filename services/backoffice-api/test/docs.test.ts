import { documentedRoutes, openApiGaps, type OpenApiDocument } from '@brandi/http/testing';
import { startTestApp, type TestContext } from './harness.js';

let ctx: TestContext;
let doc: OpenApiDocument;
beforeAll(async () => {
  ctx = await startTestApp();
  doc = (await ctx.app.inject({ method: 'GET', url: '/docs/json' })).json();
});
afterAll(() => ctx.close());

test('the OpenAPI document lists every back-office route, and only those', () => {
  expect(documentedRoutes(doc).sort()).toEqual(
    [
      'GET /health/live',
      'GET /health/ready',
      'POST /auth/signup',
      'POST /auth/login',
      'GET /auth/me',
      'GET /categories',
      'GET /sellers',
      'GET /sellers/{id}',
      'PATCH /sellers/{id}',
      'GET /sellers/{id}/history',
      'PUT /sellers/{id}/password',
      'GET /questions',
      'PUT /questions/{id}/answer',
      'GET /products',
      'POST /products',
      'GET /products/export',
      'GET /products/{id}',
      'PATCH /products/{id}',
      'DELETE /products/{id}',
      'GET /products/{id}/history',
      'GET /products/{id}/history/{version}',
    ].sort(),
  );
});

test('every route documents its request, its answers (errors as the envelope) and what it does', () => {
  expect(openApiGaps(doc)).toEqual([]);
  expect(Object.keys(doc.paths['/products/export'].get.responses ?? {})).toContain('200');
});
