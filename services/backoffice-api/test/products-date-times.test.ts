import { startTestApp, type TestContext } from './harness.js';
import { createStoredProduct, productJson, productTableCounts } from './products.fixtures.js';
import { expectValidationFailed, patchProduct, postProduct } from './products-input.fixtures.js';
import { bearerFor, createSeller } from './sellers.fixtures.js';

// Date-times in bodies and query strings: refused unless they name one real instant the database can store.

let ctx: TestContext;
let seller: number;
let auth: Record<string, string>;
beforeAll(async () => {
  ctx = await startTestApp();
  seller = await createSeller(ctx.db, { attributeId: 1 });
  auth = await bearerFor(ctx.app, seller);
});
afterAll(() => ctx.close());

const post = (product: Record<string, unknown>) => postProduct(ctx.app, auth, product);
const patch = (id: number, product: Record<string, unknown>) => patchProduct(ctx, auth, id, product);

describe('date-times that do not round-trip (item 11: a leap second was stored as NULL, year 0000 as 2000)', () => {
  test.each([
    ['a leap second', '2026-06-30T23:59:60Z'],
    ['year 0000', '0000-06-01T00:00:00Z'],
    ['Feb 30', '2026-02-30T00:00:00Z'],
  ])('registration with %s is 400 naming the field; nothing stored', async (_what, at) => {
    const counts = await productTableCounts(ctx.db);
    expect(expectValidationFailed(await post(productJson({ discountStartsAt: at })), 'product.discountStartsAt')).toContain('date-time');
    expectValidationFailed(
      await post(productJson({ discountStartsAt: '2026-06-01T00:00:00Z', discountEndsAt: at })),
      'product.discountEndsAt',
    );
    expect(await productTableCounts(ctx.db)).toEqual(counts);
  });

  test('PATCH with a leap second or year 0000 is 400 and the window is unchanged', async () => {
    const start = new Date('2026-06-01T00:00:00.000Z');
    const id = await createStoredProduct(ctx, seller, { discountRate: 10, discountStartsAt: start, discountEndsAt: null });
    expectValidationFailed(await patch(id, { discountStartsAt: '2026-06-30T23:59:60Z' }), 'product.discountStartsAt');
    expectValidationFailed(await patch(id, { discountEndsAt: '0000-12-31T00:00:00Z' }), 'product.discountEndsAt');
    const row = await ctx.db
      .selectFrom('products')
      .select(['discount_starts_at', 'discount_ends_at', 'version'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ discount_starts_at: start, discount_ends_at: null, version: 1 });
  });

  test('an offset is taken as the instant it names', async () => {
    const id = await createStoredProduct(ctx, seller);
    expect(
      (await patch(id, { discountStartsAt: '2026-07-01T09:00:00+09:00', discountEndsAt: '2026-07-31T23:59:59.999Z' })).statusCode,
    ).toBe(200);
    const row = await ctx.db
      .selectFrom('products')
      .select(['discount_starts_at', 'discount_ends_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      discount_starts_at: new Date('2026-07-01T00:00:00.000Z'),
      discount_ends_at: new Date('2026-07-31T23:59:59.999Z'),
    });
  });

  test.each([
    ['/products/1?at=2026-06-30T23:59:60Z', 'at'],
    ['/products/1?at=0000-01-01T00:00:00Z', 'at'],
    ['/products?registeredFrom=2026-02-30', 'registeredFrom'],
    ['/products?registeredTo=0000-01-01', 'registeredTo'],
    ['/questions?from=2026-02-29', 'from'],
    ['/sellers?registeredFrom=0099-01-01', 'registeredFrom'],
  ])('GET %s is 400 naming %s', async (url, field) => {
    const admin = await bearerFor(ctx.app, await createSeller(ctx.db, { role: 'admin', attributeId: null }), 'admin');
    expectValidationFailed(await ctx.app.inject({ method: 'GET', url, headers: admin }), field);
  });
});
