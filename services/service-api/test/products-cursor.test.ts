import { refreshEffectivePrices } from '@brandi/db';
import { CATEGORY, createProduct, createSeller } from '@brandi/db/testing';
import { startTestApp, type TestContext } from './harness.js';

let ctx: TestContext;
let sellerId: number;
const initial: number[] = [];
let seq = 0;

// Ties on every sort key (few distinct sales counts, prices and minutes) so the id tiebreak is exercised.
function nextFixture() {
  const i = seq++;
  return {
    fixture: {
      price: 1000 + (i % 7) * 1000,
      salesCount: i % 5,
      discountRate: i % 3 === 0 ? 10 : 0,
      category: i % 2 ? CATEGORY.shop : CATEGORY.shop2,
    },
    createdAt: new Date(Date.UTC(2026, 0, 1) + Math.floor(i / 3) * 60_000),
  };
}

beforeAll(async () => {
  ctx = await startTestApp();
  sellerId = await createSeller(ctx.db);
  for (let i = 0; i < 90; i++) {
    const { fixture, createdAt } = nextFixture();
    initial.push(await createProduct(ctx.db, sellerId, fixture, createdAt));
  }
  await refreshEffectivePrices(ctx.db, new Date());
});
afterAll(() => ctx.close());

async function walk(query: string, onPage: () => Promise<void>): Promise<number[]> {
  const seen: number[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const url: string = `/products?${query}&limit=7${cursor ? `&cursor=${cursor}` : ''}`;
    const res = await ctx.app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items.length).toBeLessThanOrEqual(7);
    seen.push(...body.items.map((item: { id: number }) => item.id));
    cursor = body.nextCursor;
    await onPage();
    pages++;
  } while (cursor !== null && pages < 100);
  return seen;
}

test.each(['newest', 'sales', 'recommended', 'price_asc', 'price_desc'])(
  'sort=%s: the cursor walk sees every product once while new ones are inserted',
  async (sort) => {
    const seen = await walk(`sort=${sort}&sellerId=${sellerId}`, async () => {
      const { fixture } = nextFixture();
      await createProduct(ctx.db, sellerId, fixture, new Date());
    });
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(initial));
  },
);

test('a category-filtered walk sees exactly that category', async () => {
  const seen = await walk('sort=newest&secondCategoryId=1', async () => undefined);
  const expected = await ctx.db
    .selectFrom('products')
    .select('id')
    .where('second_category_id', '=', 1)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  expect(seen).toEqual(expected.map((r) => r.id));
});

test.each([
  ['not base64 JSON', 'bm90LWpzb24'],
  ['garbage', 'AAAA'],
  ['wrong shape', Buffer.from(JSON.stringify({ a: 1 })).toString('base64url')],
  ['a cursor of another sort', Buffer.from(JSON.stringify(['sales', 3, 5])).toString('base64url')],
  ['a non-numeric key', Buffer.from(JSON.stringify(['newest', 'x', 5])).toString('base64url')],
  ['a negative id', Buffer.from(JSON.stringify(['newest', 3, -5])).toString('base64url')],
  ['a date key past any date', Buffer.from(JSON.stringify(['newest', 1e300, 5])).toString('base64url')],
  ['a date key in year 0', Buffer.from(JSON.stringify(['newest', -62_167_219_200_000, 5])).toString('base64url')],
  ['a fractional date key', Buffer.from(JSON.stringify(['newest', 1.5, 5])).toString('base64url')],
  ['characters outside base64url', 'abc$def'],
])('%s is a 400', async (_label, cursor) => {
  const res = await ctx.app.inject({ method: 'GET', url: `/products?sort=newest&cursor=${encodeURIComponent(cursor)}` });
  expect(res.statusCode).toBe(400);
  expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ field: 'cursor' })] });
});
