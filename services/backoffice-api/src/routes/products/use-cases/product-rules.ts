import { duplicateKeyName, isDuplicateEntry, sql, type Database, type NewProductInput } from '@brandi/db';
import { ConflictError, ValidationError, type FieldProblem } from '@brandi/errors';
import { parseDateTime, toErrorDetails } from '@brandi/http';
import type { Kysely } from 'kysely';
import type { TSchema } from 'typebox';
import { compileBodyValidator } from './json-field.js';
import { sanitizeDetailHtml } from '../upload/detail-html.js';

/** A product's editable state after defaults or a patch are applied; what the cross-field rules check. */
export type ProductDraft = Omit<NewProductInput, 'sellerId' | 'mainCategoryId' | 'images' | 'options' | 'salesCount'> & {
  options: { id?: number; color: string; size: string; stock: number | null }[];
};

// The schema's date-time format has already accepted `iso`, so it names a real instant.
export const toDate = (iso: string | null | undefined): Date | null => (iso ? parseDateTime(iso) : null);

/** Parses a JSON form field and checks it against `schema`; 400 with details prefixed by the field name. */
export function parseJsonField<T>(raw: string, schema: TSchema, field: string): T {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new ValidationError([{ field, message: 'must be valid JSON' }]);
  }
  const validate = compileBodyValidator(schema);
  if (!validate(value)) {
    throw new ValidationError(
      toErrorDetails(validate.errors ?? [], field).map((d) => (d.field === field ? d : { ...d, field: `${field}.${d.field}` })),
    );
  }
  return value as T;
}

/**
 * The rules a schema cannot express: discount window, order quantities, unique color+size, categories (the
 * second under the first, the first in the seller's group) and the detail HTML's limits. Returns the main
 * category id and the draft with its detail HTML sanitized; `storedHtml` (a PATCH's current detail HTML) is
 * kept as it is when the draft did not change it.
 */
export async function checkProductDraft(
  db: Kysely<Database>,
  sellerId: number,
  draft: ProductDraft,
  storedHtml?: string,
): Promise<{ draft: ProductDraft; mainCategoryId: number }> {
  const details: FieldProblem[] = [];
  if (draft.discountStartsAt && draft.discountEndsAt && draft.discountEndsAt < draft.discountStartsAt) {
    details.push({ field: 'product.discountEndsAt', message: 'must not be before discountStartsAt' });
  }
  if (draft.minOrderQty > draft.maxOrderQty) details.push({ field: 'product.maxOrderQty', message: 'must be at least minOrderQty' });
  for (const { line, first } of await findRepeatedOptions(db, draft.options)) {
    details.push({
      field: `product.options.${line}`,
      message: `repeats the color and size of options.${first} (compared ignoring case, accents and full-width forms)`,
    });
  }
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
  const sanitized =
    draft.detailHtml === storedHtml ? { ok: true as const, html: draft.detailHtml } : await sanitizeDetailHtml(draft.detailHtml);
  if (!sanitized.ok) details.push({ field: 'product.detailHtml', message: sanitized.problem });
  if (details.length > 0 || !category || !sanitized.ok) throw new ValidationError(details);
  return { draft: { ...draft, detailHtml: sanitized.html }, mainCategoryId: category.main_id };
}

/**
 * Option lines the database would hold as one: the unique key compares color and size under
 * utf8mb4_unicode_ci (`red` = `RED` = `ｒｅｄ`, `black` = `blàck`), so the database itself compares them,
 * values trimmed as they are stored. Each repeated line names the first line it repeats.
 */
async function findRepeatedOptions(db: Kysely<Database>, options: ProductDraft['options']): Promise<{ line: number; first: number }[]> {
  if (options.length < 2) return [];
  const lines = sql.join(
    options.map((option, line) => sql`SELECT ${line} AS line, ${option.color.trim()} AS color, ${option.size.trim()} AS size`),
    sql` UNION ALL `,
  );
  const { rows } = await sql<{ line: number; first: number }>`
    WITH option_lines AS (${lines})
    SELECT a.line, MIN(b.line) AS first
    FROM option_lines a
    JOIN option_lines b
      ON b.line < a.line AND b.color = a.color COLLATE utf8mb4_unicode_ci AND b.size = a.size COLLATE utf8mb4_unicode_ci
    GROUP BY a.line
    ORDER BY a.line`.execute(db);
  return rows.map((row) => ({ line: Number(row.line), first: Number(row.first) }));
}

/**
 * A duplicate key that still reaches an insert (the checks above run before the transaction) is the
 * client's conflict, never a 500.
 */
export function rethrowDuplicateEntry(err: unknown): never {
  if (!isDuplicateEntry(err)) throw err;
  if (duplicateKeyName(err) === 'uq_product_options_color_size') {
    throw new ConflictError('Two options have the same color and size', [
      { field: 'product.options', message: 'repeat a color and size (compared ignoring case, accents and full-width forms)' },
    ]);
  }
  throw new ConflictError('The product conflicts with an existing one; try again');
}
