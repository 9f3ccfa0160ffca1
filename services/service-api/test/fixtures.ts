import { insertProduct, type Db, type NewProductInput, type SellerStatus } from '@brandi/db';

// Category ids of the reference data (stable): main 4 (shop) → first 1 → seconds 1, 2; first 2 → second 8;
// main 5 (brand) → first 12 → second 62; main 6 (beauty) → first 23 → second 121.
export const CATEGORY = {
  shop: { main: 4, first: 1, second: 1 },
  shop2: { main: 4, first: 1, second: 2 },
  shopTop: { main: 4, first: 2, second: 8 },
  brand: { main: 5, first: 12, second: 62 },
  beauty: { main: 6, first: 23, second: 121 },
} as const;

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export interface SellerFixture {
  status?: SellerStatus;
  attributeId?: number;
  nameKo?: string;
  nameEn?: string;
  salesCount?: number;
  createdAt?: Date;
}

export async function createSeller(db: Db, fixture: SellerFixture = {}): Promise<number> {
  const tag = unique();
  const result = await db
    .insertInto('sellers')
    .values({
      login_id: `seller_${tag}`,
      password_hash: 'x',
      role: 'seller',
      status: fixture.status ?? 'active',
      attribute_id: fixture.attributeId ?? 1,
      name_ko: fixture.nameKo ?? `셀러${tag}`,
      name_en: fixture.nameEn ?? `Seller ${tag}`,
      site_url: `https://${tag}.example.com`,
      image_url: `https://img.example.com/${tag}.png`,
      simple_description: `seller ${tag}`,
      sales_count: fixture.salesCount ?? 0,
      created_at: fixture.createdAt,
      updated_at: fixture.createdAt,
    })
    .executeTakeFirstOrThrow();
  return Number(result.insertId);
}

export type ProductFixture = Partial<Omit<NewProductInput, 'sellerId'>> & { category?: (typeof CATEGORY)[keyof typeof CATEGORY]; deleted?: boolean };

/** A product through the same repository the back office writes with; `createdAt` is its registration time. */
export async function createProduct(db: Db, sellerId: number, fixture: ProductFixture = {}, createdAt = new Date()): Promise<number> {
  const category = fixture.category ?? CATEGORY.shop;
  const tag = unique();
  const id = await db.transaction().execute((trx) =>
    insertProduct(
      trx,
      {
        sellerId,
        name: `상품 ${tag}`,
        mainCategoryId: category.main,
        firstCategoryId: category.first,
        secondCategoryId: category.second,
        simpleDescription: null,
        detailHtml: '<p>detail</p>',
        price: 10000,
        discountRate: 0,
        discountStartsAt: null,
        discountEndsAt: null,
        minOrderQty: 1,
        maxOrderQty: 10,
        isOnSale: true,
        isDisplayed: true,
        images: [{ key: `products/${sellerId}/${tag}.jpg`, thumbnailKey: `products/${sellerId}/${tag}_w360.webp`, width: 640, height: 720 }],
        options: [{ color: 'black', size: 'M', stock: 5 }],
        ...fixture,
      },
      createdAt,
    ),
  );
  if (fixture.deleted) await db.updateTable('products').set({ deleted_at: createdAt }).where('id', '=', id).execute();
  return id;
}

export async function createShopper(db: Db, loginId = `shopper_${unique()}`.slice(0, 20)): Promise<number> {
  const result = await db
    .insertInto('shoppers')
    .values({ login_id: loginId, password_hash: 'x', name: 'Shopper', email: null, phone: null })
    .executeTakeFirstOrThrow();
  return Number(result.insertId);
}

export interface QuestionFixture {
  productId: number;
  shopperId: number;
  typeId?: number;
  content?: string;
  isPrivate?: boolean;
  createdAt?: Date;
}

export async function createQuestion(db: Db, fixture: QuestionFixture): Promise<number> {
  const product = await db.selectFrom('products').select('seller_id').where('id', '=', fixture.productId).executeTakeFirstOrThrow();
  const result = await db
    .insertInto('questions')
    .values({
      product_id: fixture.productId,
      seller_id: product.seller_id,
      shopper_id: fixture.shopperId,
      type_id: fixture.typeId ?? 1,
      content: fixture.content ?? `question ${unique()}`,
      is_private: fixture.isPrivate ?? false,
      created_at: fixture.createdAt,
      deleted_at: null,
    })
    .executeTakeFirstOrThrow();
  return Number(result.insertId);
}

export async function createAnswer(db: Db, questionId: number, authorId: number, content: string): Promise<void> {
  await db.insertInto('answers').values({ question_id: questionId, author_id: authorId, content }).execute();
  await db.updateTable('questions').set({ is_answered: true }).where('id', '=', questionId).execute();
}
