import type { SellerRole } from '@brandi/db';
import type { HttpApp } from '@brandi/http';

export {
  CATEGORY,
  createAdmin,
  createProduct,
  createQuestion,
  createSeller,
  createSellerWithPassword,
  createShopper,
} from '@brandi/db/testing';

/** A seller signup body that passes every rule; login id `shop_<tag>`, names `가게<tag>` / `Shop <tag>`. */
export const sellerSignupBody = (tag: string, password = 'violet-harbor-42') => ({
  loginId: `shop_${tag}`,
  password,
  nameKo: `가게${tag}`,
  nameEn: `Shop ${tag}`,
  attributeId: 4,
  csPhone: '02-123-4567',
  siteUrl: 'https://shop.example.com',
  managerPhone: '010-1234-5678',
});

/** `Authorization` headers for a seller or admin token signed by the app under test. */
export async function bearerFor(app: HttpApp, id: number, role: SellerRole = 'seller'): Promise<Record<string, string>> {
  const { accessToken } = await app.tokens.sign({ sub: String(id), role });
  return { authorization: `Bearer ${accessToken}` };
}
