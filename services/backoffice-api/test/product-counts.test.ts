import { startTestApp, type TestContext } from './harness.js';
import { bearerFor, createAdmin, createProduct, createSeller } from './sellers.fixtures.js';

// An admin's totals are summed from product_counts (kept by triggers); after every kind of write they must
// still equal the rows the list itself returns.

const NOW = new Date('2026-11-26T00:00:00.000Z');
let ctx: TestContext;
let admin: Record<string, string>;
const sellers: Record<string, number> = {};
const products: number[] = [];

const FILTERS = [
  '',
  '?onSale=true',
  '?onSale=false',
  '?displayed=false',
  '?onSale=true&displayed=true',
  '?sellerAttributeIds=1',
  '?sellerAttributeIds=4,7',
  '?sellerAttributeIds=2',
  '?registeredFrom=2026-11-25',
  '?registeredTo=2026-11-24',
  '?registeredFrom=2026-11-25&registeredTo=2026-11-25&sellerAttributeIds=1,4',
  '?registeredFrom=2026-11-20&registeredTo=2026-11-26&onSale=false&displayed=true',
];

async function expectTotalsMatchRows(): Promise<void> {
  for (const filter of FILTERS) {
    const res = await ctx.app.inject({ method: 'GET', url: `/products${filter}${filter ? '&' : '?'}limit=100`, headers: admin });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect({ filter, total: body.total }).toEqual({ filter, total: body.items.length });
  }
}

beforeAll(async () => {
  ctx = await startTestApp({ now: () => NOW });
  sellers.shop = await createSeller(ctx.db, { attributeId: 1 });
  sellers.brand = await createSeller(ctx.db, { attributeId: 4 });
  sellers.beauty = await createSeller(ctx.db, { attributeId: 7 });
  admin = await bearerFor(ctx.app, await createAdmin(ctx.db), 'admin');
  // Registration instants on both sides of KST midnights (2026-11-24T15:00Z is 2026-11-25 00:00 in Seoul).
  const instants = ['2026-11-24T14:59:59.999Z', '2026-11-24T15:00:00.000Z', '2026-11-25T14:59:59.999Z', '2026-11-20T00:00:00Z'];
  for (const [i, seller] of [sellers.shop, sellers.brand, sellers.beauty, sellers.shop].entries()) {
    for (const [j, at] of instants.entries()) {
      products.push(await createProduct(ctx.db, seller, { isOnSale: (i + j) % 3 !== 0, isDisplayed: j !== 2, deleted: i === 3 && j === 0 }, new Date(at)));
    }
  }
});
afterAll(() => ctx.close());

test('after inserts (some registered deleted), totals equal the listed rows', async () => {
  const body = (await ctx.app.inject({ method: 'GET', url: '/products', headers: admin })).json();
  expect(body.total).toBe(15);
  await expectTotalsMatchRows();
});

test('after flag changes, soft deletes, an undelete and a re-dated product', async () => {
  await ctx.db.updateTable('products').set({ is_on_sale: false }).where('id', 'in', products.slice(0, 5)).execute();
  await ctx.db.updateTable('products').set({ is_displayed: true, is_on_sale: true }).where('id', 'in', products.slice(4, 9)).execute();
  const del = await ctx.app.inject({ method: 'DELETE', url: `/products/${products[9]}`, headers: admin });
  expect(del.statusCode).toBe(204);
  await ctx.db.updateTable('products').set({ deleted_at: null }).where('id', '=', products[12]).execute();
  await ctx.db.updateTable('products').set({ created_at: new Date('2026-11-25T20:00:00Z') }).where('id', '=', products[13]).execute();
  await expectTotalsMatchRows();
});

test('after a seller attribute change and after hard deletes', async () => {
  // The API has no attribute change; an operator's UPDATE must still move the counts.
  await ctx.db.updateTable('sellers').set({ attribute_id: 2 }).where('id', '=', sellers.shop).execute();
  const moved = (await ctx.app.inject({ method: 'GET', url: '/products?sellerAttributeIds=2', headers: admin })).json();
  expect(moved.total).toBeGreaterThan(0);
  await expectTotalsMatchRows();

  await ctx.db.deleteFrom('product_options').where('product_id', 'in', products.slice(14)).execute();
  await ctx.db.deleteFrom('product_images').where('product_id', 'in', products.slice(14)).execute();
  await ctx.db.deleteFrom('product_revisions').where('product_id', 'in', products.slice(14)).execute();
  await ctx.db.deleteFrom('products').where('id', 'in', products.slice(14)).execute();
  await expectTotalsMatchRows();
});
