import type { Kysely } from 'kysely';
// Frozen copy of shared/data/categories.json as of the first migration; ids are stable. A JSON module: tsc copies
// it into dist beside this file, so the built migration (and the Docker image) finds it.
import categoriesV1 from './data/categories-v1.json' with { type: 'json' };

const ATTRIBUTES = [
  { id: 1, name: '쇼핑몰', group_code: 'shop' },
  { id: 2, name: '마켓', group_code: 'shop' },
  { id: 3, name: '로드샵', group_code: 'shop' },
  { id: 4, name: '디자이너브랜드', group_code: 'brand' },
  { id: 5, name: '제너럴브랜드', group_code: 'brand' },
  { id: 6, name: '내셔널브랜드', group_code: 'brand' },
  { id: 7, name: '뷰티', group_code: 'beauty' },
];

const QUESTION_TYPES = ['상품 문의', '배송 문의', '교환 문의', '반품 문의', '환불 문의', '주문 취소', '기타 문의'];

export async function up(db: Kysely<any>): Promise<void> {
  await db.insertInto('seller_attributes').values(ATTRIBUTES).execute();
  await db
    .insertInto('question_types')
    .values(QUESTION_TYPES.map((name, i) => ({ id: i + 1, name, position: i + 1 })))
    .execute();
  for (const main of categoriesV1) {
    await db.insertInto('main_categories').values({ id: main.id, name: main.name, group_code: main.group }).execute();
    await db
      .insertInto('first_categories')
      .values(main.children.map((first, i) => ({ id: first.id, main_category_id: main.id, name: first.name, position: i + 1 })))
      .execute();
    const seconds = main.children.flatMap((first) =>
      first.children.map((second, i) => ({ id: second.id, first_category_id: first.id, name: second.name, position: i + 1 })),
    );
    await db.insertInto('second_categories').values(seconds).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['second_categories', 'first_categories', 'main_categories', 'question_types', 'seller_attributes']) {
    await db.deleteFrom(table).execute();
  }
}
