import type { AccountTables } from './accounts.js';
import type { CatalogueTables } from './catalogue.js';
import type { OrdersTables } from './orders.js';
import type { ProductIndexTables } from './product-index.js';
import type { QuestionTables } from './questions.js';
import type { StorageTables } from './storage.js';

// The Kysely `Database`: every table by name, composed from one file per area. Each area file exports its
// table interfaces, their Selectable/Insertable aliases and one `<Area>Tables` map of table name → table type.
// To add an area: write `schema/<area>.ts` with an `<Area>Tables` map, then add its import and
// `export *` below and that map to the `extends` list.

export type { FieldChange, JsonColumn } from './columns.js';
export * from './accounts.js';
export * from './catalogue.js';
export * from './orders.js';
export * from './product-index.js';
export * from './questions.js';
export * from './storage.js';

export interface Database extends AccountTables, CatalogueTables, OrdersTables, ProductIndexTables, QuestionTables, StorageTables {}
