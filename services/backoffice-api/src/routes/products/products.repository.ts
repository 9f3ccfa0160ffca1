import { sql, type Database } from '@brandi/db';
import type { Kysely } from 'kysely';
import type { Actor } from '../../types.js';
import { selectFilteredProducts, type ProductFilterQuery } from './filters.js';
import { scopedProducts } from './scope.js';

type Executor = Kysely<Database>;

/** One page of the back-office list, newest or oldest registration first (id breaks ties). */
export function buildProductPageQuery(
  db: Executor,
  actor: Actor,
  filters: ProductFilterQuery,
  sort: 'newest' | 'oldest',
  window: { limit: number; offset: number },
  now: Date,
) {
  const direction = sort === 'oldest' ? 'asc' : 'desc';
  let query = selectFilteredProducts(db, actor, filters, now);
  // Unless a seller-side filter narrows the sellers first, products drive the join so the page is read off a
  // (seller_id,) created_at index in order; left alone, the optimizer starts from the 7 attributes and sorts
  // every product of every seller.
  if (filters.sellerName === undefined && filters.sellerAttributeIds === undefined) query = query.modifyFront(sql`STRAIGHT_JOIN`);
  return query
    .select([
      'p.id',
      'p.code',
      'p.name',
      'p.main_image_key',
      'p.created_at',
      'p.price',
      'p.discount_rate',
      'p.discount_starts_at',
      'p.discount_ends_at',
      'p.is_on_sale',
      'p.is_displayed',
      's.id as seller_id',
      's.name_ko as seller_name',
      'a.id as attribute_id',
      'a.name as attribute_name',
    ])
    .orderBy('p.created_at', direction)
    .orderBy('p.id', direction)
    .limit(window.limit)
    .offset(window.offset);
}

export function findProductPage(...args: Parameters<typeof buildProductPageQuery>) {
  return buildProductPageQuery(...args).execute();
}
export type ProductPageRow = Awaited<ReturnType<typeof findProductPage>>[number];

export async function countProducts(db: Executor, actor: Actor, filters: ProductFilterQuery, now: Date): Promise<number> {
  const row = await selectFilteredProducts(db, actor, filters, now)
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

/** The row fields a detail needs beyond the snapshot; undefined when the actor may not see the product. */
export function findProductHeader(db: Executor, actor: Actor, id: number, options: { includeDeleted?: boolean } = {}) {
  return scopedProducts(db, actor, options)
    .select(['p.id', 'p.seller_id', 'p.version', 'p.created_at', 'p.updated_at', 'p.deleted_at'])
    .where('p.id', '=', id)
    .executeTakeFirst();
}
export type ProductHeader = NonNullable<Awaited<ReturnType<typeof findProductHeader>>>;

/** Locks the product row inside `trx` so concurrent changes queue up behind the version check. */
export function lockProductForUpdate(trx: Executor, actor: Actor, id: number) {
  return scopedProducts(trx, actor)
    .select(['p.id', 'p.seller_id', 'p.version'])
    .where('p.id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export interface CategoryNames {
  main: { id: number; name: string };
  first: { id: number; name: string };
  second: { id: number; name: string };
}

export async function findCategoryNames(db: Executor, ids: { main: number; first: number; second: number }): Promise<CategoryNames> {
  const [main, first, second] = await Promise.all([
    db.selectFrom('main_categories').select(['id', 'name']).where('id', '=', ids.main).executeTakeFirstOrThrow(),
    db.selectFrom('first_categories').select(['id', 'name']).where('id', '=', ids.first).executeTakeFirstOrThrow(),
    db.selectFrom('second_categories').select(['id', 'name']).where('id', '=', ids.second).executeTakeFirstOrThrow(),
  ]);
  return { main, first, second };
}

export async function findSellerName(db: Executor, id: number): Promise<string> {
  const row = await db.selectFrom('sellers').select('name_ko').where('id', '=', id).executeTakeFirstOrThrow();
  return row.name_ko;
}
