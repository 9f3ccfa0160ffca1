import type { TestContext } from './harness.js';
import { jpegFiles, multipart } from './products.fixtures.js';

// Requests the product input tests send as a seller, and the one assertion they all make on a refusal.

type Injector = Pick<TestContext['app'], 'inject'>;
export type ProductForm = Awaited<ReturnType<typeof productForm>>;

/** A registration body: the product JSON and one valid JPEG, as multipart. */
export const productForm = (product: Record<string, unknown>) => multipart({ product }, jpegFiles(1));

export const postProductForm = (app: Injector, auth: Record<string, string>, body: ProductForm) =>
  app.inject({ method: 'POST', url: '/products', payload: body.payload, headers: { ...auth, 'content-type': body.contentType } });

/** POST /products with this product (and one image). */
export const postProduct = async (app: Injector, auth: Record<string, string>, product: Record<string, unknown>) =>
  postProductForm(app, auth, await productForm(product));

/** PATCH /products/:id with the product's current version as If-Match. */
export async function patchProduct(ctx: TestContext, auth: Record<string, string>, id: number, product: Record<string, unknown>) {
  const { version } = await ctx.db.selectFrom('products').select('version').where('id', '=', id).executeTakeFirstOrThrow();
  return ctx.app.inject({
    method: 'PATCH',
    url: `/products/${id}`,
    payload: { product },
    headers: { ...auth, 'if-match': String(version) },
  });
}

/** A 400 VALIDATION_FAILED naming `field`; returns that field's message. */
export function expectValidationFailed(
  res: { statusCode: number; json(): { error: { code: string; details: { field: string; message: string }[] } } },
  field: string,
) {
  expect(res.statusCode).toBe(400);
  const { error } = res.json();
  expect(error.code).toBe('VALIDATION_FAILED');
  expect(error.details.map((d) => d.field)).toContain(field);
  return error.details.find((d) => d.field === field)!.message;
}
