import type { Db } from '@brandi/db';
import type { CategoryTree } from './schemas.js';

/** main → first → second, each level ordered by id. */
export async function findCategoryTree(db: Db): Promise<CategoryTree> {
  const [mains, firsts, seconds] = await Promise.all([
    db.selectFrom('main_categories').select(['id', 'name', 'group_code']).orderBy('id').execute(),
    db.selectFrom('first_categories').select(['id', 'name', 'main_category_id']).orderBy('id').execute(),
    db.selectFrom('second_categories').select(['id', 'name', 'first_category_id']).orderBy('id').execute(),
  ]);
  return mains.map((main) => ({
    id: main.id,
    name: main.name,
    group: main.group_code,
    children: firsts
      .filter((first) => first.main_category_id === main.id)
      .map((first) => ({
        id: first.id,
        name: first.name,
        children: seconds.filter((second) => second.first_category_id === first.id).map(({ id, name }) => ({ id, name })),
      })),
  }));
}
