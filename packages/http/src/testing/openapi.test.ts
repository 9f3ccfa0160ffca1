import { openApiGaps, type OpenApiDocument } from './openapi.js';

test('the checker finds what a route leaves out', () => {
  const bare: OpenApiDocument = {
    paths: {
      '/things/{id}': {
        patch: { responses: { 200: { description: 'ok' }, 404: { description: 'gone' } }, security: [{ bearerAuth: [] }] },
      },
    },
  };
  expect(openApiGaps(bare)).toEqual([
    'PATCH /things/{id}: no operationId',
    'PATCH /things/{id}: no summary',
    'PATCH /things/{id}: no tag',
    'PATCH /things/{id}: path parameter id undocumented',
    'PATCH /things/{id}: no request body schema',
    'PATCH /things/{id}: 200 does not document x-request-id',
    'PATCH /things/{id}: 404 does not document x-request-id',
    'PATCH /things/{id}: 200 has no response schema',
    'PATCH /things/{id}: 404 is not the error envelope',
    'PATCH /things/{id}: authenticated but no 401',
  ]);
});
