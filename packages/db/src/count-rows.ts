import type { SelectQueryBuilder } from 'kysely';

/** `COUNT(*) AS total` of the rows a query selects, as a number (the driver may answer a string or a bigint). */
export async function countRows<DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>): Promise<number> {
  const row = await query
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .$castTo<{ total: number }>()
    .executeTakeFirstOrThrow();
  return Number(row.total);
}
