import { createProduct, createSeller, createShopper } from '@brandi/db/testing';
import { startTestApp, type TestContext } from './harness.js';
import { bearer, createAddress, optionIds } from './orders.fixtures.js';

let ctx: TestContext;
let sellerId: number;

beforeAll(async () => {
  ctx = await startTestApp();
  sellerId = await createSeller(ctx.db);
});
afterAll(() => ctx.close());

const ADDRESS = { recipient: '김철수', phone: '02-123-4567', zipCode: '06236', address1: '서울 강남구 테헤란로 1', address2: '' };

async function signedIn() {
  const id = await createShopper(ctx.db);
  return { id, headers: await bearer(ctx, id) };
}

describe('addresses', () => {
  test('the first is the default, a new default unsets the old, at most 5, list default first', async () => {
    const { headers } = await signedIn();
    const post = (body: object) => ctx.app.inject({ method: 'POST', url: '/me/addresses', headers, payload: { ...ADDRESS, ...body } });
    const first = await post({});
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ ...ADDRESS, isDefault: true });
    const second = (await post({ recipient: '둘째' })).json();
    expect(second.isDefault).toBe(false);
    const third = (await post({ recipient: '셋째', isDefault: true })).json();
    await post({});
    await post({});
    const sixth = await post({});
    expect(sixth.statusCode).toBe(409);
    const list = (await ctx.app.inject({ method: 'GET', url: '/me/addresses', headers })).json();
    expect(list).toHaveLength(5);
    expect(list.filter((a: { isDefault: boolean }) => a.isDefault).map((a: { id: number }) => a.id)).toEqual([third.id]);
    expect(list[0].id).toBe(third.id);
    const patched = await ctx.app.inject({
      method: 'PATCH',
      url: `/me/addresses/${second.id}`,
      headers,
      payload: { isDefault: true, zipCode: '12345' },
    });
    expect(patched.json()).toMatchObject({ id: second.id, isDefault: true, zipCode: '12345' });
  });

  test('five created at once still stop at five', async () => {
    const { headers } = await signedIn();
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => ctx.app.inject({ method: 'POST', url: '/me/addresses', headers, payload: ADDRESS })),
    );
    expect(answers.filter((a) => a.statusCode === 201)).toHaveLength(5);
    expect(answers.filter((a) => a.statusCode === 409)).toHaveLength(3);
    const list = (await ctx.app.inject({ method: 'GET', url: '/me/addresses', headers })).json();
    expect(list.filter((a: { isDefault: boolean }) => a.isDefault)).toHaveLength(1);
  });

  test('deleting the default makes the newest remaining one the default', async () => {
    const { id, headers } = await signedIn();
    const def = await createAddress(ctx.db, id, true);
    const older = await createAddress(ctx.db, id, false);
    const newer = await createAddress(ctx.db, id, false);
    expect((await ctx.app.inject({ method: 'DELETE', url: `/me/addresses/${def}`, headers })).statusCode).toBe(204);
    const list = (await ctx.app.inject({ method: 'GET', url: '/me/addresses', headers })).json();
    expect(list.map((a: { id: number; isDefault: boolean }) => [a.id, a.isDefault])).toEqual([
      [newer, true],
      [older, false],
    ]);
  });

  test("someone else's address is 404 to PATCH and DELETE, and stays as it was", async () => {
    const owner = await signedIn();
    const other = await signedIn();
    const addressId = await createAddress(ctx.db, owner.id);
    const patch = await ctx.app.inject({
      method: 'PATCH',
      url: `/me/addresses/${addressId}`,
      headers: other.headers,
      payload: { recipient: 'x' },
    });
    const del = await ctx.app.inject({ method: 'DELETE', url: `/me/addresses/${addressId}`, headers: other.headers });
    expect([patch.statusCode, del.statusCode]).toEqual([404, 404]);
    const row = await ctx.db.selectFrom('addresses').select('recipient').where('id', '=', addressId).executeTakeFirstOrThrow();
    expect(row.recipient).toBe('홍길동');
  });

  test('zip code and phone are checked', async () => {
    const { headers } = await signedIn();
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/me/addresses',
      headers,
      payload: { ...ADDRESS, zipCode: '1234', phone: '555' },
    });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .error.details.map((d: { field: string }) => d.field)
        .sort(),
    ).toEqual(['phone', 'zipCode']);
  });
});

describe('cart', () => {
  test('lines are priced now, each problem is named and left out of the totals', async () => {
    const { headers } = await signedIn();
    const option = async (fields: Parameters<typeof createProduct>[2]) =>
      (await optionIds(ctx.db, await createProduct(ctx.db, sellerId, fields)))[0];
    const fine = await option({ price: 10000, discountRate: 15, options: [{ color: 'c', size: 's', stock: null }] });
    const soldOut = await option({ options: [{ color: 'c', size: 's', stock: 0 }] });
    const scarce = await option({ options: [{ color: 'c', size: 's', stock: 1 }] });
    const offSale = await option({ isOnSale: false });
    const bounded = await option({ maxOrderQty: 2 });
    const put = (optionId: number, quantity: number) =>
      ctx.app.inject({ method: 'PUT', url: `/me/cart/items/${optionId}`, headers, payload: { quantity } });
    await put(fine, 3);
    await put(soldOut, 1);
    await put(scarce, 2);
    await put(offSale, 1);
    const res = await put(bounded, 3);
    expect(res.statusCode).toBe(200);
    const cart = res.json();
    expect(cart.items.map((i: { optionId: number; problem: string | null }) => [i.optionId, i.problem])).toEqual([
      [fine, null],
      [soldOut, 'sold_out'],
      [scarce, 'insufficient_stock'],
      [offSale, 'not_purchasable'],
      [bounded, 'quantity_out_of_range'],
    ]);
    expect(cart.items[0]).toMatchObject({ unitPrice: 8500, lineTotal: 25500 });
    expect(cart).toMatchObject({ itemsTotal: 25500, shippingTotal: 3000, total: 28500 });
    const after = (await ctx.app.inject({ method: 'DELETE', url: `/me/cart/items/${soldOut}`, headers })).json();
    expect(after.items).toHaveLength(4);
    expect((await put(999999, 1)).statusCode).toBe(404);
  });

  test('a hidden product cannot be added; a quantity over 99 is 400', async () => {
    const { headers } = await signedIn();
    const [hidden] = await optionIds(ctx.db, await createProduct(ctx.db, sellerId, { isDisplayed: false }));
    const res = await ctx.app.inject({ method: 'PUT', url: `/me/cart/items/${hidden}`, headers, payload: { quantity: 1 } });
    expect(res.statusCode).toBe(404);
    const [shown] = await optionIds(ctx.db, await createProduct(ctx.db, sellerId));
    const big = await ctx.app.inject({ method: 'PUT', url: `/me/cart/items/${shown}`, headers, payload: { quantity: 100 } });
    expect(big.statusCode).toBe(400);
  });

  test('a cart holds at most 50 lines', async () => {
    const { id, headers } = await signedIn();
    const product = await createProduct(ctx.db, sellerId, {
      options: Array.from({ length: 51 }, (_, i) => ({ color: `c${i}`, size: 'F', stock: 5 })),
    });
    const ids = await optionIds(ctx.db, product);
    await ctx.db
      .insertInto('cart_lines')
      .values(ids.slice(0, 50).map((optionId) => ({ shopper_id: id, option_id: optionId, quantity: 1 })))
      .execute();
    const res = await ctx.app.inject({ method: 'PUT', url: `/me/cart/items/${ids[50]}`, headers, payload: { quantity: 1 } });
    expect(res.statusCode).toBe(409);
    const update = await ctx.app.inject({ method: 'PUT', url: `/me/cart/items/${ids[0]}`, headers, payload: { quantity: 2 } });
    expect(update.statusCode).toBe(200);
  });
});
