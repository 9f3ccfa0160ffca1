import { ConflictError, IllegalTransitionError, NotAllowedError, NotFoundError, ValidationError } from '@brandi/errors';
import { AppError, badRequest, conflict, createHttpApp, forbidden, notFound, validationFailed } from './index.js';
import { createLogCapture } from './testing/index.js';

// Use cases throw @brandi/errors; the error handler is the one place they become statuses and envelopes. Each
// is answered byte for byte as the HTTP helper it replaced would have been.
const details = [{ field: 'status', message: 'cannot change from closed to active' }];
const cases: [string, Error, AppError][] = [
  ['not found', new NotFoundError('Product'), notFound('Product')],
  [
    'conflict',
    new ConflictError('name is already taken', [{ field: 'name', message: 'is already taken' }]),
    conflict('name is already taken', [{ field: 'name', message: 'is already taken' }]),
  ],
  ['conflict without details', new ConflictError('try again'), conflict('try again')],
  [
    'illegal transition',
    new IllegalTransitionError('A closed seller cannot become active', details),
    new AppError(409, 'ILLEGAL_TRANSITION', 'A closed seller cannot become active', details),
  ],
  ['validation with a message', new ValidationError(details, 'Nothing to change'), badRequest('Nothing to change', details)],
  ['validation without one', new ValidationError(details), validationFailed(details)],
  ['not allowed', new NotAllowedError('Only an admin can do this'), forbidden('Only an admin can do this')],
];

const logs = createLogCapture();
const app = createHttpApp({ name: 'domain-errors', version: '0.0.0', logLevel: 'info', logger: logs.stream, unavailableWhen: [] });
app.register(async (routes) => {
  cases.forEach(([, domain, http], i) => {
    routes.get(`/domain/${i}`, async () => {
      throw domain;
    });
    routes.get(`/http/${i}`, async () => {
      throw http;
    });
  });
});
afterAll(() => app.close());

test.each(cases.map(([name], i) => [name, i] as const))('%s maps to the same answer as its HTTP error', async (_name, i) => {
  const [domain, http] = await Promise.all([app.inject({ url: `/domain/${i}` }), app.inject({ url: `/http/${i}` })]);
  expect(domain.statusCode).toBe(cases[i][2].statusCode);
  expect(domain.statusCode).toBe(http.statusCode);
  expect(domain.body).toBe(http.body);
  expect(domain.headers['content-type']).toBe(http.headers['content-type']);
  expect(domain.json().error.code).not.toBe('INTERNAL');
});

test('a domain error is logged as a client error, not as an unhandled one', async () => {
  await app.inject({ url: '/domain/0' });
  expect(logs.lines().some((line) => line.msg === 'unhandled error')).toBe(false);
});
