import { type OperationNodeSource, sql } from 'kysely';
import type { Db } from '../client.js';

/** The EXPLAIN columns the plan tests read (MySQL 8 and MariaDB 10.11 name them alike). */
export interface PlanRow {
  table: string;
  type: string;
  key: string | null;
  rows: number;
  Extra: string | null;
}

/** EXPLAIN of exactly the SQL a query builder (or raw query) runs. */
export async function explainPlan(db: Db, query: OperationNodeSource): Promise<PlanRow[]> {
  return (await sql<PlanRow>`EXPLAIN ${query}`.execute(db)).rows;
}
