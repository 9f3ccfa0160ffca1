import { hashPassword, insertProduct, recordProductRevision, type Db, type NewSeller, type SellerGroup } from '@brandi/db';
import { newProductImageKey, processUpload, thumbnailKeyOf } from '@brandi/images';
import { withUploads, type ObjectStore } from '@brandi/storage';
import type { Logger } from 'pino';
import {
  ADJECTIVES,
  ANSWER_TEXTS,
  BEAUTY_SIZES,
  BEAUTY_WORDS,
  COLORS,
  DEMO_SELLERS,
  MATERIALS,
  QUESTION_TEXTS,
  SIZES,
  groupOfAttribute,
} from './catalog.js';
import { generateJpeg, SWATCHES } from './images.js';
import { createRandom, type Random } from './random.js';
import { seedDemoOrders, type OrderSeedSummary } from './seed-orders.js';

export const DEMO_PASSWORDS = { admin: 'brandi-master-1', seller: 'brandi-seller-1', shopper: 'brandi-shopper-1' } as const;
export const DEMO_ADMIN_LOGIN = 'admin';
const SHOPPER_COUNT = 10;
const DAY = 24 * 3600 * 1000;

export interface SeedDeps {
  db: Db;
  store: ObjectStore;
  logger: Logger;
}

export interface SeedOptions {
  products?: number;
  now?: Date;
}

export interface SeedSummary {
  sellersCreated: number;
  productsCreated: number;
  shoppersCreated: number;
  questionsCreated: number;
  orders: OrderSeedSummary;
}

type Tree = Map<SellerGroup, { firstId: number; firstName: string; seconds: { id: number; name: string }[]; mainId: number }[]>;

async function loadCategoryTree(db: Db): Promise<Tree> {
  const rows = await db
    .selectFrom('second_categories as s')
    .innerJoin('first_categories as f', 'f.id', 's.first_category_id')
    .innerJoin('main_categories as m', 'm.id', 'f.main_category_id')
    .select([
      'm.id as mainId',
      'm.group_code as group',
      'f.id as firstId',
      'f.name as firstName',
      's.id as secondId',
      's.name as secondName',
    ])
    .orderBy('s.id')
    .execute();
  const tree: Tree = new Map();
  for (const r of rows) {
    const firsts = tree.get(r.group) ?? [];
    tree.set(r.group, firsts);
    let first = firsts.find((f) => f.firstId === r.firstId);
    if (!first) {
      first = { firstId: r.firstId, firstName: r.firstName, seconds: [], mainId: r.mainId };
      firsts.push(first);
    }
    first.seconds.push({ id: r.secondId, name: r.secondName });
  }
  return tree;
}

async function ensureSeller(db: Db, values: NewSeller): Promise<{ id: number; created: boolean }> {
  const existing = await db.selectFrom('sellers').select('id').where('login_id', '=', values.login_id).executeTakeFirst();
  if (existing) return { id: existing.id, created: false };
  const result = await db.insertInto('sellers').values(values).executeTakeFirstOrThrow();
  return { id: Number(result.insertId), created: true };
}

function productName(random: Random, group: SellerGroup, secondName: string): string {
  if (group === 'beauty') return `${random.pick(BEAUTY_WORDS)} ${random.pick(['데일리', '딥', '순한', '촉촉'])} ${secondName}`;
  return `${random.pick(ADJECTIVES)} ${random.pick(MATERIALS)} ${secondName.split('/')[0]}`;
}

function productOptions(random: Random, group: SellerGroup) {
  const colors = [...COLORS].sort(() => random.next() - 0.5).slice(0, random.int(1, 3));
  const sizes = group === 'beauty' ? BEAUTY_SIZES.slice(0, random.int(1, 2)) : SIZES.slice(0, random.int(1, 4));
  return colors.flatMap((color) => sizes.map((size) => ({ color, size, stock: random.chance(0.2) ? null : random.int(0, 40) })));
}

/** Demo data for local runs: idempotent (a second run finds what the first made and adds nothing). */
export async function seedDemo(deps: SeedDeps, options: SeedOptions = {}): Promise<SeedSummary> {
  const { db } = deps;
  const now = options.now ?? new Date();
  const random = createRandom(20261125);
  const summary: Omit<SeedSummary, 'orders'> = { sellersCreated: 0, productsCreated: 0, shoppersCreated: 0, questionsCreated: 0 };
  const [adminHash, sellerHash, shopperHash] = await Promise.all([
    hashPassword(DEMO_PASSWORDS.admin),
    hashPassword(DEMO_PASSWORDS.seller),
    hashPassword(DEMO_PASSWORDS.shopper),
  ]);

  const admin = await ensureSeller(db, {
    login_id: DEMO_ADMIN_LOGIN,
    password_hash: adminHash,
    role: 'admin',
    status: 'active',
    attribute_id: null,
    name_ko: '브랜디 관리자',
    name_en: 'brandi-admin',
    manager_name: '관리자',
  });
  summary.sellersCreated += admin.created ? 1 : 0;

  const sellers: { id: number; group: SellerGroup; created: boolean; status: string }[] = [];
  for (const [i, s] of DEMO_SELLERS.entries()) {
    const row = await ensureSeller(db, {
      login_id: s.loginId,
      password_hash: sellerHash,
      role: 'seller',
      status: s.status,
      attribute_id: s.attributeId,
      name_ko: s.nameKo,
      name_en: s.nameEn,
      cs_phone: `1588-${String(1000 + i).padStart(4, '0')}`,
      site_url: `https://${s.nameEn}.example.com`,
      manager_name: s.managerName,
      manager_phone: `010-${String(2000 + i).padStart(4, '0')}-${String(5000 + i * 7).padStart(4, '0')}`,
      manager_email: `${s.loginId}@example.com`,
      simple_description: `${s.nameKo}의 데일리 셀렉션`,
      sales_count: random.int(100, 50000),
      created_at: new Date(now.getTime() - (400 - i * 20) * DAY),
    });
    summary.sellersCreated += row.created ? 1 : 0;
    sellers.push({ id: row.id, group: groupOfAttribute(s.attributeId), created: row.created, status: s.status });
  }

  const shopperIds: number[] = [];
  for (let i = 1; i <= SHOPPER_COUNT; i++) {
    const loginId = `shopper${String(i).padStart(2, '0')}`;
    const existing = await db.selectFrom('shoppers').select('id').where('login_id', '=', loginId).executeTakeFirst();
    if (existing) {
      shopperIds.push(existing.id);
      continue;
    }
    const r = await db
      .insertInto('shoppers')
      .values({ login_id: loginId, password_hash: shopperHash, name: `쇼퍼${i}`, email: `${loginId}@example.com`, phone: null })
      .executeTakeFirstOrThrow();
    shopperIds.push(Number(r.insertId));
    summary.shoppersCreated++;
  }

  const tree = await loadCategoryTree(db);
  // Processed as an upload is (full decode, re-encode, thumbnail), so demo images are what the API would store.
  const images = await Promise.all(
    SWATCHES.map((top, i) =>
      processUpload(generateJpeg(640, 720, top, SWATCHES[(i + 3) % SWATCHES.length]), { minWidth: 640, minHeight: 720 }),
    ),
  );
  const perSeller = Math.ceil((options.products ?? 200) / sellers.length);
  for (const seller of sellers) {
    const existing = await db
      .selectFrom('products')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('seller_id', '=', seller.id)
      .executeTakeFirstOrThrow();
    if (Number(existing.n) > 0) continue;
    for (let n = 0; n < perSeller; n++) {
      const first = random.pick(tree.get(seller.group) ?? []);
      const second = random.pick(first.seconds);
      const createdAt = new Date(now.getTime() - random.int(0, 90 * DAY));
      const discounted = random.chance(0.35);
      const imageCount = random.int(1, 3);
      const picked = Array.from({ length: imageCount }, () => {
        const key = newProductImageKey(seller.id);
        return { key, thumbnailKey: thumbnailKeyOf(key), image: random.pick(images) };
      });
      const files = picked.flatMap(({ key, thumbnailKey, image }) => [
        { key, body: image.jpeg, contentType: 'image/jpeg' },
        { key: thumbnailKey, body: image.thumbnail, contentType: 'image/webp' },
      ]);
      const productId = await withUploads(deps, files, async (trx) => {
        const id = await insertProduct(
          trx,
          {
            sellerId: seller.id,
            name: productName(random, seller.group, second.name),
            mainCategoryId: first.mainId,
            firstCategoryId: first.firstId,
            secondCategoryId: second.id,
            simpleDescription: `${first.firstName} 인기 아이템`,
            detailHtml: `<p>${second.name} 상세 설명입니다.</p><p><strong>소재</strong>: ${random.pick(MATERIALS)}</p>`,
            price: random.int(99, 1500) * 100,
            discountRate: discounted ? random.pick([5, 10, 15, 20, 30, 50]) : 0,
            discountStartsAt: discounted ? new Date(now.getTime() - random.int(1, 10) * DAY) : null,
            discountEndsAt: discounted ? (random.chance(0.3) ? null : new Date(now.getTime() + random.int(-3, 20) * DAY)) : null,
            minOrderQty: 1,
            maxOrderQty: random.pick([5, 10, 20]),
            isOnSale: random.chance(0.92),
            isDisplayed: random.chance(0.95),
            images: picked.map(({ key, thumbnailKey, image }) => ({ key, thumbnailKey, width: image.width, height: image.height })),
            options: productOptions(random, seller.group),
            salesCount: random.int(0, 5000),
          },
          createdAt,
        );
        await recordProductRevision(trx, { productId: id, changedBy: seller.id, action: 'create', before: null, now: createdAt });
        return id;
      });
      summary.productsCreated++;
      summary.questionsCreated += await seedQuestions(db, random, productId, seller.id, shopperIds, createdAt, now);
    }
  }
  return { ...summary, orders: await seedDemoOrders(db, createRandom(20261202), shopperIds, now) };
}

async function seedQuestions(
  db: Db,
  random: Random,
  productId: number,
  sellerId: number,
  shopperIds: number[],
  since: Date,
  now: Date,
): Promise<number> {
  const count = random.chance(0.5) ? random.int(1, 3) : 0;
  for (let i = 0; i < count; i++) {
    const createdAt = new Date(since.getTime() + random.next() * (now.getTime() - since.getTime()));
    const answered = random.chance(0.5);
    const q = await db
      .insertInto('questions')
      .values({
        product_id: productId,
        seller_id: sellerId,
        shopper_id: random.pick(shopperIds),
        type_id: random.int(1, 7),
        content: random.pick(QUESTION_TEXTS),
        is_private: random.chance(0.3),
        is_answered: answered,
        created_at: createdAt,
        deleted_at: null,
      })
      .executeTakeFirstOrThrow();
    if (answered) {
      await db
        .insertInto('answers')
        .values({
          question_id: Number(q.insertId),
          author_id: sellerId,
          content: random.pick(ANSWER_TEXTS),
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
  }
  return count;
}
