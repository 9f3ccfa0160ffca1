import { createProduct, createSeller, createShopper } from '@brandi/db/testing';
import { emptyQueryDifferences, fuzzApp } from '@brandi/http/testing';
import { startTestApp, type TestContext } from './harness.js';
import { createOption, orderIn } from './order-moves.fixtures.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(() => ctx.close());

test('hostile input on every route: no 5xx, always the JSON error envelope, no stack or SQL text', async () => {
  const shopperId = await createShopper(ctx.db, 'fuzzer');
  const { accessToken } = await ctx.app.tokens.sign({ sub: String(shopperId), role: 'shopper' });
  // Id 1 is then the fuzzer's own: an order item in each shopper move's status, a review and a visible product,
  // so hostile input reaches the moves and the review writes, not only their 404.
  const { optionId } = await createOption(ctx.db, { stock: 100 });
  for (const status of ['paid', 'delivered'] as const) await orderIn(ctx.db, shopperId, [{ optionId, quantity: 1 }], status);
  await ctx.app.inject({
    method: 'POST',
    url: '/me/order-items/2/review',
    headers: { authorization: `Bearer ${accessToken}` },
    payload: { rating: 5, fit: 'fits', content: '퍼징 전에 남긴 후기입니다' },
  });
  const { sent, problems } = await fuzzApp(ctx.app, [
    {},
    { authorization: `Bearer ${accessToken}` },
    // POST /orders needs the header before its body is looked at.
    { authorization: `Bearer ${accessToken}`, 'idempotency-key': 'fuzz-key' },
    { authorization: 'Bearer not.a.token' },
  ]);
  expect(sent).toBeGreaterThan(500);
  expect(problems).toEqual([]);
}, 180_000);

test('an empty query value on any route is the parameter left out (API.md), not a 400', async () => {
  // A product, so that "left out" and "matches nothing" give different lists.
  await createProduct(ctx.db, await createSeller(ctx.db));
  const shopperId = await createShopper(ctx.db, 'emptyq');
  const { accessToken } = await ctx.app.tokens.sign({ sub: String(shopperId), role: 'shopper' });
  const { checked, differences } = await emptyQueryDifferences(ctx.app, { authorization: `Bearer ${accessToken}` });
  expect(checked).toBeGreaterThan(20);
  expect(differences).toEqual([]);
});
