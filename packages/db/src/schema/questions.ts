import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { CreatedAt, UpdatedAt } from './columns.js';

// Product Q&A: question types, shoppers' questions, sellers' answers, and the inbox's derived tables.

export interface QuestionTypeTable {
  id: number;
  name: string;
  position: number;
}

export interface QuestionTable {
  id: Generated<number>;
  product_id: number;
  /** The product's seller, copied so the back-office inbox lists by an index. */
  seller_id: number;
  shopper_id: number;
  type_id: number;
  content: string;
  is_private: boolean;
  is_answered: Generated<boolean>;
  created_at: CreatedAt;
  deleted_at: Date | null;
}

export interface AnswerTable {
  id: Generated<number>;
  question_id: number;
  author_id: number;
  content: string;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** Live questions per day (Asia/Seoul), type and answered state, kept by triggers (migration 20261201000500). */
export interface QuestionCountTable {
  question_day: ColumnType<Date, never, never>;
  type_id: ColumnType<number, never, never>;
  is_answered: ColumnType<boolean, never, never>;
  question_count: ColumnType<number, never, never>;
}

/** A posting per distinct product-name token of every live question, kept by triggers (migration 20261201000700). */
export interface QuestionNameTokenTable {
  token: string;
  question_id: number;
  created_at: Date;
  is_answered: boolean;
  type_id: number;
}

export interface QuestionTables {
  question_types: QuestionTypeTable;
  questions: QuestionTable;
  answers: AnswerTable;
  question_counts: QuestionCountTable;
  question_name_tokens: QuestionNameTokenTable;
}

export type Question = Selectable<QuestionTable>;
export type NewQuestion = Insertable<QuestionTable>;
export type Answer = Selectable<AnswerTable>;
