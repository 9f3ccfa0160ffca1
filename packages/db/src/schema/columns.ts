import type { ColumnType } from 'kysely';

// Column shapes every area's tables share.

/** A JSON column: written as a JSON string, read back parsed (see JsonColumnsPlugin). */
export type JsonColumn<T> = ColumnType<T, string, string>;

/** `{ field, before, after }` rows kept on product and seller revisions. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** Timestamps default to CURRENT_TIMESTAMP(3) in the schema. */
export type CreatedAt = ColumnType<Date, Date | undefined, never>;
export type UpdatedAt = ColumnType<Date, Date | undefined, Date>;
