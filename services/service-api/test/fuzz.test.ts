import { createShopper } from '@brandi/db/testing';
import { fuzzApp } from '@brandi/http/testing';
import { startTestApp, type TestContext } from './harness.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(() => ctx.close());

test('hostile input on every route: no 5xx, always the JSON error envelope, no stack or SQL text', async () => {
  const shopperId = await createShopper(ctx.db, 'fuzzer');
  const { accessToken } = await ctx.app.tokens.sign({ sub: String(shopperId), role: 'shopper' });
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
