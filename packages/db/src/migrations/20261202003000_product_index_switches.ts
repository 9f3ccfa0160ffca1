import { sql, type Kysely } from 'kysely';

// One switch per trigger family (see src/product-index/switches.ts): the discount triggers now honour
// @skip_product_discounts and the name-index triggers @skip_product_name_index instead of @skip_product_counts,
// which keeps only the counters. Each trigger is re-created from its own stored definition with the one
// variable renamed (the bodies stay as their migrations wrote them); `down` renames it back. The names are
// listed here, frozen, rather than imported.

const FAMILIES: [string, string[]][] = [
  ['@skip_product_discounts', ['products_discount_insert', 'products_discount_update', 'products_discount_delete']],
  [
    '@skip_product_name_index',
    [
      'products_name_insert',
      'products_name_update',
      'products_name_delete',
      'products_facets_insert',
      'products_facets_update',
      'products_facets_delete',
      'questions_name_insert',
      'questions_name_update',
      'questions_name_delete',
      'products_question_names_update',
    ],
  ],
];
const OLD_SWITCH = '@skip_product_counts';

/** Re-creates `trigger` with every `from` switch in its body replaced by `to` (no DEFINER: the migrating user's). */
async function renameSwitch(db: Kysely<any>, trigger: string, from: string, to: string): Promise<void> {
  const shown = await sql<Record<string, string>>`SHOW CREATE TRIGGER ${sql.id(trigger)}`.execute(db);
  const statement = shown.rows[0]?.['SQL Original Statement'];
  if (statement === undefined) throw new Error(`trigger ${trigger} not found`);
  const body = statement.replace(/^CREATE\s+(DEFINER\s*=\s*\S+\s+)?TRIGGER/i, 'CREATE TRIGGER');
  if (!body.includes(from)) throw new Error(`trigger ${trigger} does not test ${from}`);
  await sql.raw(`DROP TRIGGER ${trigger}`).execute(db);
  await sql.raw(body.split(from).join(to)).execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, triggers] of FAMILIES) for (const trigger of triggers) await renameSwitch(db, trigger, OLD_SWITCH, name);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name, triggers] of FAMILIES) for (const trigger of triggers) await renameSwitch(db, trigger, name, OLD_SWITCH);
}
