import { startTestApp, type TestContext } from './harness.js';
import { jpegFiles, multipart, productJson, SHOP, validJpeg } from './products.fixtures.js';
import { bearerFor, createSeller } from './sellers.fixtures.js';

let ctx: TestContext;
let seller: number;
beforeAll(async () => {
  ctx = await startTestApp();
  seller = await createSeller(ctx.db, { attributeId: 1 });
});
afterAll(() => ctx.close());

async function post(fields: Record<string, unknown>, files = jpegFiles(2), as = seller) {
  const body = await multipart(fields, files);
  return ctx.app.inject({
    method: 'POST',
    url: '/products',
    payload: body.payload,
    headers: { ...(await bearerFor(ctx.app, as)), 'content-type': body.contentType },
  });
}

test('registers a product with images, options and version 1, answering it as GET does', async () => {
  const res = await post({ product: productJson({ detailHtml: '<p onclick="x()">hi<script>alert(1)</script><a href="javascript:alert(1)">l</a></p>' }) });
  expect(res.statusCode).toBe(201);
  const body = res.json();
  expect(body).toMatchObject({
    name: '데일리 셔츠',
    seller: { id: seller },
    firstCategoryId: SHOP.first,
    secondCategoryId: SHOP.second,
    category: { main: { id: SHOP.main }, first: { id: SHOP.first }, second: { id: SHOP.second } },
    price: 29000,
    version: 1,
    isDeleted: false,
  });
  expect(body.detailHtml).toBe('<p>hi<a>l</a></p>');
  expect(body.code).toMatch(/^P[0-9A-Z]{11}$/);
  expect(body.images).toHaveLength(2);
  expect(body.images[0].url).toContain(`/products/${seller}/`);
  expect(body.options).toEqual([
    { id: expect.any(Number), color: 'black', size: 'M', stock: 10 },
    { id: expect.any(Number), color: 'white', size: 'L', stock: null },
  ]);
  const got = await ctx.app.inject({ method: 'GET', url: `/products/${body.id}`, headers: await bearerFor(ctx.app, seller) });
  expect(got.json()).toEqual(body);
  expect((await ctx.s3.listKeys()).sort()).toEqual(expect.arrayContaining(body.images.map((i: { url: string }) => i.url.split('/brandi-test/')[1])));
  expect(validJpeg().length).toBeGreaterThan(0);
});
