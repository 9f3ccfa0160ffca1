import Type, { type Static, type TSchema } from 'typebox';
import { validationFailed } from './errors.js';

const DEFAULT_PAGE = 1;
const DEFAULT_LIMIT = 20;

// Optional (with defaults) so the OpenAPI document does not mark them required; ajv fills the defaults in.
export const OffsetQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, default: DEFAULT_PAGE })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: DEFAULT_LIMIT })),
});
export type OffsetQuery = Static<typeof OffsetQuery>;

/** Page, limit and the SQL offset for an OffsetQuery. */
export function pageWindow({ page = DEFAULT_PAGE, limit = DEFAULT_LIMIT }: OffsetQuery) {
  return { page, limit, offset: (page - 1) * limit };
}

export function offsetPage<T>(items: T[], page: number, limit: number, total: number) {
  return { items, page, limit, total };
}

export function pagedResponse<T extends TSchema>(itemSchema: T) {
  return Type.Object(
    {
      items: Type.Array(itemSchema),
      page: Type.Integer({ minimum: 1 }),
      limit: Type.Integer({ minimum: 1 }),
      total: Type.Integer({ minimum: 0 }),
    },
    { additionalProperties: false },
  );
}

/** Makes user text literal inside `LIKE ?` (MySQL's default escape character is the backslash). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

/** A query-string schema for a comma list of ids such as `1,4,7`; parse it with parseIdList. */
export const IdList = Type.String({ pattern: '^\\s*[1-9][0-9]*\\s*(,\\s*[1-9][0-9]*\\s*)*$', examples: ['1,4,7'] });

/** Parses `1,4,7` into distinct positive integers, or throws 400 VALIDATION_FAILED naming `field`. */
export function parseIdList(value: string, field: string, max = 1000): number[] {
  const parts = value.split(',').map((part) => part.trim());
  const ids = parts.map(Number);
  if (parts.some((part) => !/^[1-9][0-9]*$/.test(part)) || ids.some((id) => !Number.isSafeInteger(id))) {
    throw validationFailed([{ field, message: 'must be a comma-separated list of positive integers' }]);
  }
  const distinct = [...new Set(ids)];
  if (distinct.length > max) throw validationFailed([{ field, message: `must list at most ${max} ids` }]);
  return distinct;
}
