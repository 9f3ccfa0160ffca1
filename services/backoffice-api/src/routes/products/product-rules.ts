import type { Database, NewProductInput } from '@brandi/db';
import { toErrorDetails, validationFailed, type ErrorDetail } from '@brandi/http';
import type { Kysely } from 'kysely';
import type { TSchema } from 'typebox';
import { compileBodyValidator } from './json-field.js';
import { sanitizeDetailHtml } from './detail-html.js';

/** A product's editable state after defaults or a patch are applied; what the cross-field rules check. */
export type ProductDraft = Omit<NewProductInput, 'sellerId' | 'mainCategoryId' | 'images' | 'options' | 'salesCount'> & {
  options: { id?: number; color: string; size: string; stock: number | null }[];
};

export const toDate = (iso: string | null | undefined): Date | null => (iso ? new Date(iso) : null);

/** Parses a JSON form field and checks it against `schema`; 400 with details prefixed by the field name. */
export function parseJsonField<T>(raw: string, schema: TSchema, field: string): T {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw validationFailed([{ field, message: 'must be valid JSON' }]);
  }
  const validate = compileBodyValidator(schema);
  if (!validate(value)) {
    throw validationFailed(toErrorDetails(validate.errors ?? [], field).map((d) => (d.field === field ? d : { ...d, field: `${field}.${d.field}` })));
  }
  return value as T;
}

/**
 * The rules a schema cannot express: discount window, order quantities, unique color+size, and categories
 * (the second under the first, the first in the seller's group). Returns the main category id and the
 * draft with its detail HTML sanitized.
 */
export async function checkProductDraft(db: Kysely<Database>, sellerId: number, draft: ProductDraft): Promise<{ draft: ProductDraft; mainCategoryId: number }> {
  const details: ErrorDetail[] = [];
  if (draft.discountStartsAt && draft.discountEndsAt && draft.discountEndsAt < draft.discountStartsAt) {
    details.push({ field: 'product.discountEndsAt', message: 'must not be before discountStartsAt' });
  }
  if (draft.minOrderQty > draft.maxOrderQty) details.push({ field: 'product.maxOrderQty', message: 'must be at least minOrderQty' });
  const seen = new Set<string>();
  draft.options.forEach((option, index) => {
    const key = `${option.color.trim().toLowerCase()}\u0000${option.size.trim().toLowerCase()}`;
    if (seen.has(key)) details.push({ field: `product.options.${index}`, message: 'repeats the color and size of an earlier option' });
    seen.add(key);
  });
  const category = await db
    .selectFrom('second_categories as c2')
    .innerJoin('first_categories as c1', 'c1.id', 'c2.first_category_id')
    .innerJoin('main_categories as m', 'm.id', 'c1.main_category_id')
    .select(['c2.first_category_id', 'm.id as main_id', 'm.group_code'])
    .where('c2.id', '=', draft.secondCategoryId)
    .executeTakeFirst();
  const seller = await db
    .selectFrom('sellers as s')
    .innerJoin('seller_attributes as a', 'a.id', 's.attribute_id')
    .select('a.group_code')
    .where('s.id', '=', sellerId)
    .executeTakeFirst();
  if (!category || category.first_category_id !== draft.firstCategoryId) {
    details.push({ field: 'product.secondCategoryId', message: 'must be a second category of firstCategoryId' });
  } else if (category.group_code !== seller?.group_code) {
    details.push({ field: 'product.firstCategoryId', message: "must belong to the seller's category group" });
  }
  if (details.length > 0 || !category) throw validationFailed(details);
  return { draft: { ...draft, detailHtml: sanitizeDetailHtml(draft.detailHtml) }, mainCategoryId: category.main_id };
}
