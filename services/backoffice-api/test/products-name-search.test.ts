import { startTestApp, type TestContext } from './harness.js';
import { bearerFor, createAdmin, createProduct, createSeller } from './sellers.fixtures.js';

// An admin's name search behaves the same whichever way the list reads it. A word in many names is read in
// registration order (the products index) and counted from the name postings; a rare one is first resolved to
// its product ids. With 60 products and 10 a page, the break-even is about √((offset + 10) × 60) matches: 42
// names with `셔츠` are read in order for pages 1-2 and through their ids for pages 3-5, 60 with `브랜디` always
// in order, 3 with `코트` always through their ids. The EXPLAIN tests check the plans; this checks the answers.

let ctx: TestContext;
let admin: Record<string, string>;
const products: { id: number; name: string; at: number; deleted: boolean }[] = [];

beforeAll(async () => {
  ctx = await startTestApp();
  const sellers = [
    await createSeller(ctx.db, { attributeId: 1 }),
    await createSeller(ctx.db, { attributeId: 4 }),
    await createSeller(ctx.db, { attributeId: 7 }),
  ];
  const start = Date.parse('2026-06-01T00:00:00Z');
  for (let i = 0; i < 64; i++) {
    const kind = i % 4 === 3 ? '면 바지' : '데일리 셔츠';
    const name = i < 3 ? `브랜디 울 코트 ${i}` : `브랜디 ${kind} ${i}`;
    // Two products share an instant now and then, so the id tiebreak is part of the order.
    const at = start + Math.floor(i / 2) * 2 * 3_600_000 + (i % 5 === 0 ? 0 : (i % 2) * 3_600_000);
    const deleted = i >= 60;
    const id = await createProduct(ctx.db, sellers[i % 3], { name, deleted }, new Date(at));
    products.push({ id, name, at, deleted });
  }
  admin = await bearerFor(ctx.app, await createAdmin(ctx.db), 'admin');
});
afterAll(() => ctx.close());

/** What the list must answer for `words` (every word contained in the name), in `sort` order. */
function expected(words: string[], sort: 'newest' | 'oldest'): number[] {
  const sign = sort === 'newest' ? -1 : 1;
  return products
    .filter((p) => !p.deleted && words.every((w) => p.name.includes(w)))
    .sort((a, b) => sign * (a.at - b.at) || sign * (a.id - b.id))
    .map((p) => p.id);
}

/** Every page of the admin's list for `q`, checking that each page states the same exact total. */
async function allPages(q: string, sort: 'newest' | 'oldest', limit = 10): Promise<{ ids: number[]; totals: number[] }> {
  const ids: number[] = [];
  const totals: number[] = [];
  for (let page = 1; page <= 8; page++) {
    const res = await ctx.app.inject({
      method: 'GET',
      url: `/products?searchField=name&q=${encodeURIComponent(q)}&sort=${sort}&page=${page}&limit=${limit}`,
      headers: admin,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    totals.push(body.total);
    ids.push(...body.items.map((item: { id: number }) => item.id));
    if (body.items.length < limit) break;
  }
  return { ids, totals };
}

test.each([
  ['a word in most names', '셔츠', 42],
  ['a word in every name', '브랜디', 60],
  ['part of a common word', '셔', 42],
  ['a rare word', '코트', 3],
  ['two words, as they stand in the names', '데일리 셔츠', 42],
])('%s (%s): every page in order, the exact total on each', async (_label, q, count) => {
  for (const sort of ['newest', 'oldest'] as const) {
    const want = expected(q.split(' '), sort);
    expect(want).toHaveLength(count);
    const { ids, totals } = await allPages(q, sort);
    expect(ids).toEqual(want);
    expect(new Set(totals)).toEqual(new Set([count]));
  }
});

test('a common word leaves out deleted products and answers items of the list shape', async () => {
  const res = await ctx.app.inject({ method: 'GET', url: `/products?q=${encodeURIComponent('셔츠')}&limit=5`, headers: admin });
  const body = res.json();
  expect(body.total).toBe(42);
  expect(body.items.map((item: { id: number }) => item.id)).toEqual(expected(['셔츠'], 'newest').slice(0, 5));
  expect(body.items[0]).toMatchObject({ name: expect.stringContaining('셔츠'), seller: { id: expect.any(Number) }, isOnSale: true });
  const deletedIds = new Set(products.filter((p) => p.deleted).map((p) => p.id));
  expect((await allPages('셔츠', 'newest', 100)).ids.some((id) => deletedIds.has(id))).toBe(false);
});
