import { hashPassword, insertProduct, type Db, type NewProductInput, type SellerRole, type SellerStatus } from '@brandi/db';
import type { HttpApp } from '@brandi/http';

// Reference category ids (stable): shop main 4 → first 1 → second 1; brand main 5 → first 12 → second 62.
export const CATEGORY = {
  shop: { main: 4, first: 1, second: 1 },
  brand: { main: 5, first: 12, second: 62 },
} as const;

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

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
  createdAt?: Date;
}

export async function createSeller(db: Db, fixture: SellerFixture = {}): Promise<number> {
  const tag = unique();
  const result = await db
    .insertInto('sellers')
    .values({
      login_id: fixture.loginId ?? `seller_${tag}`,
      password_hash: fixture.passwordHash ?? 'x',
      role: fixture.role ?? 'seller',
      status: fixture.status ?? 'active',
      attribute_id: fixture.attributeId === undefined ? 1 : fixture.attributeId,
      name_ko: fixture.nameKo ?? `셀러${tag}`,
      name_en: fixture.nameEn ?? `Seller ${tag}`,
      cs_phone: '02-123-4567',
      site_url: `https://${tag}.example.com`,
      manager_name: fixture.managerName === undefined ? '담당자' : fixture.managerName,
      manager_phone: fixture.managerPhone === undefined ? '010-0000-0000' : fixture.managerPhone,
      manager_email: fixture.managerEmail === undefined ? `${tag}@example.com` : fixture.managerEmail,
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

export type ProductFixture = Partial<Omit<NewProductInput, 'sellerId'>> & { deleted?: boolean };

export async function createProduct(db: Db, sellerId: number, fixture: ProductFixture = {}, createdAt = new Date()): Promise<number> {
  const category = CATEGORY.shop;
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
  const result = await db.insertInto('shoppers').values({ login_id: loginId, password_hash: 'x', name: 'Shopper', email: null, phone: null }).executeTakeFirstOrThrow();
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
      content: fixture.content ?? `question ${unique()}`,
      is_private: fixture.isPrivate ?? false,
      created_at: fixture.createdAt,
      deleted_at: fixture.deleted ? new Date() : null,
    })
    .executeTakeFirstOrThrow();
  return Number(result.insertId);
}

/** `Authorization` headers for a seller or admin token signed by the app under test. */
export async function bearerFor(app: HttpApp, id: number, role: SellerRole = 'seller'): Promise<Record<string, string>> {
  const { accessToken } = await app.tokens.sign({ sub: String(id), role });
  return { authorization: `Bearer ${accessToken}` };
}
