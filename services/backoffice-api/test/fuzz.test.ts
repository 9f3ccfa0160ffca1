import { emptyQueryDifferences, fuzzApp } from '@brandi/http/testing';
import { startTestApp, type TestContext } from './harness.js';
import { bearerFor, createAdmin, createProduct, createSeller } from './sellers.fixtures.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(() => ctx.close());

test('hostile input on every route, as nobody, a seller and an admin: no 5xx, always the JSON error envelope, no stack or SQL text', async () => {
  const seller = await bearerFor(ctx.app, await createSeller(ctx.db, { loginId: 'fuzz_seller' }), 'seller');
  const admin = await bearerFor(ctx.app, await createAdmin(ctx.db), 'admin');
  const { sent, problems } = await fuzzApp(ctx.app, [{}, seller, admin]);
  expect(sent).toBeGreaterThan(500);
  expect(problems).toEqual([]);
}, 300_000);

test('an empty query value on any route is the parameter left out (API.md), not a 400', async () => {
  // A product, so that "left out" and "matches nothing" give different lists.
  await createProduct(ctx.db, await createSeller(ctx.db));
  const admin = await bearerFor(ctx.app, await createAdmin(ctx.db), 'admin');
  const { checked, differences } = await emptyQueryDifferences(ctx.app, admin);
  expect(checked).toBeGreaterThan(40);
  expect(differences).toEqual([]);
});
