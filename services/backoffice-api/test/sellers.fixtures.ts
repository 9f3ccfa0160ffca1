import type { SellerRole } from '@brandi/db';
import type { HttpApp } from '@brandi/http';

export { CATEGORY, createAdmin, createProduct, createQuestion, createSeller, createSellerWithPassword, createShopper } from '@brandi/db/testing';

/** `Authorization` headers for a seller or admin token signed by the app under test. */
export async function bearerFor(app: HttpApp, id: number, role: SellerRole = 'seller'): Promise<Record<string, string>> {
  const { accessToken } = await app.tokens.sign({ sub: String(id), role });
  return { authorization: `Bearer ${accessToken}` };
}
