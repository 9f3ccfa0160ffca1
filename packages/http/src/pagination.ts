import Type, { type Static, type TSchema } from 'typebox';
import { validationFailed } from './errors.js';

const DEFAULT_PAGE = 1;
const DEFAULT_LIMIT = 20;

/**
 * How deep an offset list may be paged (API.md, Conventions): an offset is read and thrown away row by row,
 * so page 50,000 of a big list costs a scan of everything before it. Past this, narrow the filters.
 */
export const MAX_PAGED_ROWS = 10_000;

// Optional (with defaults) so the OpenAPI document does not mark them required; ajv fills the defaults in.
export const OffsetQuery = Type.Object({
  page: Type.Optional(
    Type.Integer({
      minimum: 1,
      default: DEFAULT_PAGE,
      description: `page × limit may be at most ${MAX_PAGED_ROWS.toLocaleString('en-US')}; a page past that is 400 VALIDATION_FAILED (narrow the filters)`,
    }),
  ),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: DEFAULT_LIMIT })),
});
export type OffsetQuery = Static<typeof OffsetQuery>;

/**
 * Page, limit and the SQL offset for an OffsetQuery; every offset list goes through here, so a page past
 * MAX_PAGED_ROWS is refused (400) before any query runs.
 */
export function pageWindow({ page = DEFAULT_PAGE, limit = DEFAULT_LIMIT }: OffsetQuery) {
  if (page * limit > MAX_PAGED_ROWS) {
    throw validationFailed(
      [{ field: 'page', message: `page × limit must be at most ${MAX_PAGED_ROWS}` }],
      'Pages past 10,000 rows are not served; narrow the filters',
    );
  }
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
