import {
  hashPassword,
  insertProduct,
  type Db,
  type NewProduct,
  type NewProductInput,
  type SellerRole,
  type SellerStatus,
} from '../index.js';

// Rows for tests, written through the same repositories the services write with (never through the API under test).

// Category ids of the reference data (stable): main 4 (shop) → first 1 → seconds 1, 2; first 2 → second 8;
// main 5 (brand) → first 12 → second 62; main 6 (beauty) → first 23 → second 121.
export const CATEGORY = {
  shop: { main: 4, first: 1, second: 1 },
  shop2: { main: 4, first: 1, second: 2 },
  shopTop: { main: 4, first: 2, second: 8 },
  brand: { main: 5, first: 12, second: 62 },
  beauty: { main: 6, first: 23, second: 121 },
} as const;
export type CategoryPath = (typeof CATEGORY)[keyof typeof CATEGORY];

let counter = 0;
/** A tag no other row of this process has (login ids, names, keys). */
export const uniqueTag = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export interface SellerFixture {
  role?: SellerRole;
  status?: SellerStatus;
  attributeId?: number | null;
  loginId?: string;
  nameKo?: string;
  nameEn?: string;
  managerName?: string | null;
  managerPhone?: string | null;
  managerEmail?: string | null;
  passwordHash?: string;
  salesCount?: number;
  createdAt?: Date;
}

const orDefault = <T>(value: T | undefined, fallback: T): T => (value === undefined ? fallback : value);

export async function createSeller(db: Db, fixture: SellerFixture = {}): Promise<number> {
  const tag = uniqueTag();
  const result = await db
    .insertInto('sellers')
    .values({
      login_id: fixture.loginId ?? `seller_${tag}`,
      password_hash: fixture.passwordHash ?? 'x',
      role: fixture.role ?? 'seller',
      status: fixture.status ?? 'active',
      attribute_id: orDefault(fixture.attributeId, 1),
      name_ko: fixture.nameKo ?? `셀러${tag}`,
      name_en: fixture.nameEn ?? `Seller ${tag}`,
      cs_phone: '02-123-4567',
      site_url: `https://${tag}.example.com`,
      image_url: `https://img.example.com/${tag}.png`,
      simple_description: `seller ${tag}`,
      manager_name: orDefault(fixture.managerName, '담당자'),
      manager_phone: orDefault(fixture.managerPhone, '010-0000-0000'),
      manager_email: orDefault(fixture.managerEmail, `${tag}@example.com`),
      sales_count: fixture.salesCount ?? 0,
      created_at: fixture.createdAt,
      updated_at: fixture.createdAt,
    })
    .executeTakeFirstOrThrow();
  return Number(result.insertId);
}

export const createAdmin = (db: Db) => createSeller(db, { role: 'admin', attributeId: null });

export async function createSellerWithPassword(db: Db, password: string, fixture: SellerFixture = {}): Promise<number> {
  return createSeller(db, { ...fixture, passwordHash: await hashPassword(password) });
}

/** A shopper's delivery address (the default one unless told otherwise). */
export async function createAddress(db: Db, shopperId: number, isDefault = true): Promise<number> {
  const result = await db
    .insertInto('addresses')
    .values({
      shopper_id: shopperId,
      recipient: '홍길동',
      phone: '010-1234-5678',
      zip_code: '04524',
      address1: '서울특별시 중구 세종대로 110',
      address2: '3층',
      is_default: isDefault,
    })
    .executeTakeFirstOrThrow();
  return Number(result.insertId);
}

/** A product input that passes every rule (one 640×720 image and thumbnail key, one option); override any field. */
export function productInput(
  sellerId: number,
  fields: Partial<Omit<NewProductInput, 'sellerId'>> = {},
  category: CategoryPath = CATEGORY.shop,
): NewProductInput {
  const tag = uniqueTag();
  return {
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
    ...fields,
  };
}

export type ProductFixture = Partial<Omit<NewProductInput, 'sellerId'>> & { category?: CategoryPath; deleted?: boolean };

/** A product through the same repository the back office writes with; `createdAt` is its registration time. */
export async function createProduct(db: Db, sellerId: number, fixture: ProductFixture = {}, createdAt = new Date()): Promise<number> {
  const { category, deleted, ...fields } = fixture;
  const id = await db.transaction().execute((trx) => insertProduct(trx, productInput(sellerId, fields, category), createdAt));
  if (deleted) await db.updateTable('products').set({ deleted_at: createdAt }).where('id', '=', id).execute();
  return id;
}

/** Inserts generated product rows 1,000 to a statement (a single INSERT of a large fixture passes the placeholder limit). */
export async function insertProductRows(db: Db, rows: NewProduct[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000)
    await db
      .insertInto('products')
      .values(rows.slice(i, i + 1000))
      .execute();
}

export async function createShopper(db: Db, loginId = `shopper_${uniqueTag()}`.slice(0, 20)): Promise<number> {
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
  deleted?: boolean;
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
      content: fixture.content ?? `question ${uniqueTag()}`,
      is_private: fixture.isPrivate ?? false,
      created_at: fixture.createdAt,
      deleted_at: fixture.deleted ? new Date() : null,
    })
    .executeTakeFirstOrThrow();
  return Number(result.insertId);
}

export async function createAnswer(db: Db, questionId: number, authorId: number, content: string): Promise<void> {
  await db.insertInto('answers').values({ question_id: questionId, author_id: authorId, content }).execute();
  await db.updateTable('questions').set({ is_answered: true }).where('id', '=', questionId).execute();
}
