import { foundationSuite } from '@brandi/http/testing/suites';
import { serviceApi } from '../src/app.js';

foundationSuite(serviceApi, {
  routes: [
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
    'GET /me/addresses',
    'POST /me/addresses',
    'PATCH /me/addresses/{id}',
    'DELETE /me/addresses/{id}',
    'GET /me/cart',
    'PUT /me/cart/items/{optionId}',
    'DELETE /me/cart/items/{optionId}',
    'POST /orders/quote',
    'POST /orders',
    'GET /me/orders',
    'GET /me/orders/{id}',
  ],
  responses: { 'POST /auth/login': ['429'], 'GET /categories': ['304'] },
});
