import type { Kysely, Transaction } from 'kysely';
import type { Database, FieldChange } from '../schema/index.js';

type Executor = Kysely<Database> | Transaction<Database>;

/** The full state of a product as kept on each revision (line history) and returned by `?at=`. */
export interface ProductSnapshot {
  id: number;
  sellerId: number;
  code: string;
  name: string;
  mainCategoryId: number;
  firstCategoryId: number;
  secondCategoryId: number;
  simpleDescription: string | null;
  detailHtml: string;
  price: number;
  discountRate: number;
  discountStartsAt: string | null;
  discountEndsAt: string | null;
  minOrderQty: number;
  maxOrderQty: number;
  isOnSale: boolean;
  isDisplayed: boolean;
  isDeleted: boolean;
  images: { id: number; key: string; position: number; width: number; height: number }[];
  options: { id: number; color: string; size: string; stock: number | null }[];
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** Reads the snapshot inside the caller's executor (pass the transaction that just wrote the product). */
export async function loadProductSnapshot(db: Executor, productId: number): Promise<ProductSnapshot | undefined> {
  const p = await db.selectFrom('products').selectAll().where('id', '=', productId).executeTakeFirst();
  if (!p) return undefined;
  const [images, options] = await Promise.all([
    db.selectFrom('product_images').selectAll().where('product_id', '=', productId).orderBy('position').orderBy('id').execute(),
    db.selectFrom('product_options').selectAll().where('product_id', '=', productId).orderBy('position').orderBy('id').execute(),
  ]);
  return {
    id: p.id,
    sellerId: p.seller_id,
    code: p.code,
    name: p.name,
    mainCategoryId: p.main_category_id,
    firstCategoryId: p.first_category_id,
    secondCategoryId: p.second_category_id,
    simpleDescription: p.simple_description,
    detailHtml: p.detail_html,
    price: p.price,
    discountRate: p.discount_rate,
    discountStartsAt: iso(p.discount_starts_at),
    discountEndsAt: iso(p.discount_ends_at),
    minOrderQty: p.min_order_qty,
    maxOrderQty: p.max_order_qty,
    isOnSale: p.is_on_sale,
    isDisplayed: p.is_displayed,
    isDeleted: p.deleted_at !== null,
    images: images.map((i) => ({ id: i.id, key: i.object_key, position: i.position, width: i.width, height: i.height })),
    options: options.map((o) => ({ id: o.id, color: o.color, size: o.size, stock: o.stock })),
  };
}

/** Field-level changes between two snapshots; with no `before`, every field is listed with `before: null`. */
export function diffProductSnapshots(before: ProductSnapshot | null, after: ProductSnapshot): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of Object.keys(after) as (keyof ProductSnapshot)[]) {
    if (field === 'id') continue;
    const a = after[field];
    const b = before ? before[field] : null;
    if (before && JSON.stringify(a) === JSON.stringify(b)) continue;
    changes.push({ field, before: b, after: a });
  }
  return changes;
}
