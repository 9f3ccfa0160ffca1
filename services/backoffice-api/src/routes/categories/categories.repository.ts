import type { Db } from '@brandi/db';
import type { FirstCategoryList } from './schemas.js';

/** The attribute of a seller (null for admins, who belong to no group); undefined when there is no such seller. */
export async function findSellerAttributeId(db: Db, sellerId: number): Promise<number | null | undefined> {
  const row = await db.selectFrom('sellers').select('attribute_id').where('id', '=', sellerId).executeTakeFirst();
  return row?.attribute_id;
}

/** First categories of the attribute's group with their second categories, both in position order. */
export async function findGroupCategories(db: Db, attributeId: number): Promise<FirstCategoryList> {
  const firsts = await db
    .selectFrom('seller_attributes as a')
    .innerJoin('main_categories as m', 'm.group_code', 'a.group_code')
    .innerJoin('first_categories as f', 'f.main_category_id', 'm.id')
    .select(['f.id', 'f.name'])
    .where('a.id', '=', attributeId)
    .orderBy('f.position')
    .orderBy('f.id')
    .execute();
  if (firsts.length === 0) return [];
  const seconds = await db
    .selectFrom('second_categories')
    .select(['id', 'name', 'first_category_id'])
    .where(
      'first_category_id',
      'in',
      firsts.map((f) => f.id),
    )
    .orderBy('first_category_id')
    .orderBy('position')
    .orderBy('id')
    .execute();
  return firsts.map((first) => ({
    id: first.id,
    name: first.name,
    children: seconds.filter((s) => s.first_category_id === first.id).map(({ id, name }) => ({ id, name })),
  }));
}
