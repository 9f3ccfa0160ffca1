import type { ObjectStore } from '@brandi/storage';
import type { Viewer } from '../../types.js';
import type { QuestionRow } from './questions.repository.js';
import type { MyQuestionItem, QuestionItem } from './schemas.js';

/** Private questions are masked here, on the server: only the asker sees their text and the answer's. */
export function toQuestionItem(row: QuestionRow, viewer: Viewer | null): QuestionItem {
  const isMine = viewer !== null && viewer.shopperId === row.shopper_id;
  const hidden = row.is_private && !isMine;
  return {
    id: row.id,
    type: { id: row.type_id, name: row.type_name },
    content: hidden ? null : row.content,
    isPrivate: row.is_private,
    isMine,
    author: row.author,
    createdAt: row.created_at.toISOString(),
    answer:
      row.answer_created_at === null
        ? null
        : { content: hidden ? null : row.answer_content, createdAt: row.answer_created_at.toISOString(), sellerName: row.seller_name },
  };
}

export function toMyQuestionItem(row: QuestionRow, viewer: Viewer, store: ObjectStore): MyQuestionItem {
  return {
    ...toQuestionItem(row, viewer),
    product: {
      id: row.product_id,
      name: row.product_name,
      imageUrl: row.main_image_key === null ? null : store.publicUrl(row.main_image_key),
    },
  };
}
