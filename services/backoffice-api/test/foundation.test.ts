import { foundationSuite } from '@brandi/http/testing/suites';
import { backofficeApi } from '../src/app.js';

foundationSuite(backofficeApi, {
  routes: [
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
  ],
  responses: { 'GET /products/export': ['200'] },
});
