import { sql } from 'kysely';

/**
 * What a question list shows of a question, in both services: its text, privacy flag, time and type, and its
 * author's login id masked inside the database (so the raw id never reaches a service). The query must have
 * `questions as q`, `question_types as t` and `shoppers as sh`.
 */
export const QUESTION_ITEM_COLUMNS = [
  'q.id',
  'q.content',
  'q.is_private',
  'q.created_at',
  't.id as type_id',
  't.name as type_name',
  sql<string>`CONCAT(LEFT(sh.login_id, 3), '***')`.as('author'),
] as const;
