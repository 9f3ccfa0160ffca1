import { sql, type Db } from '@brandi/db';

const PRODUCT_SORTS = ['recommended', 'sales', 'newest', 'price_asc', 'price_desc'];
const SELLER_SORTS = ['sales', 'newest', 'name'];

export interface ShopperMixOptions {
  size?: number;
  /** Only the hot routes a read cache is for: category feed first pages and product details. */
  hotOnly?: boolean;
}

/**
 * A shuffled mix of shopper reads, weighted roughly like a storefront: feeds by category with every sort,
 * product details and their Q&A for visible products across the id range, the category tree and seller lists.
 */
export async function buildShopperMix(db: Db, { size = 4000, hotOnly = false }: ShopperMixOptions = {}): Promise<string[]> {
  const categories = await db.selectFrom('first_categories').select(['id', 'main_category_id']).execute();
  const { max } = await db
    .selectFrom('products')
    .select((eb) => eb.fn.max('id').as('max'))
    .executeTakeFirstOrThrow();
  const step = Math.max(1, Math.floor(Number(max) / 3000));
  const candidates = Array.from({ length: 3000 }, (_, i) => 1 + i * step);
  const { rows: visible } = await sql<{ id: number }>`
    SELECT p.id FROM products p JOIN sellers s ON s.id = p.seller_id
    WHERE p.id IN (${sql.join(candidates)}) AND p.is_displayed = 1 AND p.deleted_at IS NULL AND s.status = 'active'`.execute(db);
  let seed = 42;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const pick = <T>(list: readonly T[]) => list[random(list.length)];
  const allKinds: [weight: number, hot: boolean, make: () => string][] = [
    [30, true, () => `/products?firstCategoryId=${pick(categories).id}&sort=${pick(PRODUCT_SORTS)}`],
    [10, true, () => `/products?mainCategoryId=${pick(categories).main_category_id}&sort=${pick(PRODUCT_SORTS)}`],
    [5, false, () => `/products?sort=${pick(PRODUCT_SORTS)}`],
    [30, true, () => `/products/${pick(visible).id}`],
    [10, false, () => `/products/${pick(visible).id}/questions`],
    [10, false, () => '/categories'],
    [5, false, () => `/sellers?sort=${pick(SELLER_SORTS)}`],
  ];
  const kinds = allKinds.filter(([, hot]) => hot || !hotOnly).map(([weight, , make]) => [weight, make] as const);
  const weight = kinds.reduce((sum, [w]) => sum + w, 0);
  return Array.from({ length: size }, () => {
    let roll = random(weight);
    for (const [w, make] of kinds) {
      if (roll < w) return make();
      roll -= w;
    }
    return '/categories';
  });
}
