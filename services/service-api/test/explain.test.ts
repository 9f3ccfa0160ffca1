import { sql, type Db } from '@brandi/db';
import { createTestDb, explainPlan, insertProductRows, type PlanRow, type TestDb } from '@brandi/db/testing';
import type { OperationNodeSource } from 'kysely';
import { FEED_PLAN_LIMITS, planFeedAccess } from '../src/routes/products/feed-plan.js';
import {
  buildProductListQuery,
  type FeedAccess,
  type ProductListFilter,
  type ProductListParams,
} from '../src/routes/products/products.repository.js';
import { buildQuestionPageQuery } from '../src/routes/questions/questions.repository.js';
import { buildSellerListQuery } from '../src/routes/sellers/sellers.repository.js';
import { PRODUCT_SORTS } from '../src/routes/products/schemas.js';
import { SELLER_SORTS } from '../src/routes/sellers/schemas.js';
import { CATEGORY, createAnswer, createQuestion, createSeller, createShopper } from '@brandi/db/testing';

// EXPLAIN of exactly the queries the routes run, on enough rows (and fresh statistics) that the optimizer
// plans as it would on a large table: every list reads an index in sort order, never the whole table, and
// never sorts the rows it read.

let testDb: TestDb;
let db: Db;
let sellerId: number;
let productId: number;
let shopperId: number;

const CATEGORIES = Object.values(CATEGORY);
// Below a few thousand rows a full scan plus sort really is cheaper, and the optimizer rightly picks it.
const PRODUCT_ROWS = 20_000;

beforeAll(async () => {
  testDb = await createTestDb();
  db = testDb.db;
  const sellers: number[] = [];
  for (let i = 0; i < 20; i++) sellers.push(await createSeller(db, { attributeId: (i % 7) + 1, salesCount: i * 7 }));
  const statuses = ['active', 'active', 'active', 'active', 'active', 'active', 'active', 'paused', 'pending', 'closed'] as const;
  await db
    .insertInto('sellers')
    .values(
      Array.from({ length: 3000 }, (_, i) => ({
        login_id: `explain_${i}`,
        role: 'seller' as const,
        password_hash: 'x',
        status: statuses[i % statuses.length],
        attribute_id: (i % 7) + 1,
        name_ko: `셀러 ${(i * 7919) % 3001}`,
        name_en: `Seller ${i}`,
        sales_count: (i * 31) % 997,
        created_at: new Date(Date.UTC(2025, 0, 1) + i * 3_600_000),
      })),
    )
    .execute();
  sellerId = sellers[3];
  const base = Date.UTC(2026, 0, 1);
  const rows = Array.from({ length: PRODUCT_ROWS }, (_, i) => {
    const category = CATEGORIES[i % CATEGORIES.length];
    const price = 1000 + ((i * 7919) % 500) * 100;
    const created = new Date(base + i * 60_000);
    return {
      seller_id: sellers[i % sellers.length],
      code: `EXPLAIN${String(i).padStart(6, '0')}`,
      // 'linen' and 'denim' never meet (half each), 'product' is everywhere, each number is a rare token,
      // 'wide' (a third) and 'crop' (an eleventh) are common but share few names.
      name: `${i % 2 ? 'linen' : 'denim'} product ${i}${i % 3 === 0 ? ' wide' : ''}${i % 11 === 0 ? ' crop' : ''}`,
      main_category_id: category.main,
      first_category_id: category.first,
      second_category_id: category.second,
      detail_html: '',
      price,
      discount_rate: i % 4 === 0 ? 10 : 0,
      effective_price: price,
      effective_discount_rate: 0,
      min_order_qty: 1,
      max_order_qty: 5,
      is_on_sale: true,
      is_displayed: i % 10 !== 0,
      main_image_key: null,
      sales_count: (i * 31) % 997,
      ranking_score: Math.log10(((i * 31) % 997) + 1) + created.getTime() / 1000 / 45000,
      created_at: created,
      updated_at: created,
      deleted_at: i % 25 === 0 ? created : null,
    };
  });
  await insertProductRows(db, rows);
  const first = await db.selectFrom('products').select('id').where('seller_id', '=', sellerId).executeTakeFirstOrThrow();
  productId = first.id;
  shopperId = await createShopper(db);
  const other = await createShopper(db);
  for (let i = 0; i < 300; i++) {
    const product = await db
      .selectFrom('products')
      .select('id')
      .orderBy('id')
      .offset(i % 50)
      .limit(1)
      .executeTakeFirstOrThrow();
    const questionId = await createQuestion(db, {
      productId: i % 3 === 0 ? productId : product.id,
      shopperId: i % 2 ? shopperId : other,
      typeId: (i % 7) + 1,
    });
    if (i % 2 === 0) await createAnswer(db, questionId, sellers[0], 'answer');
  }
  await sql`ANALYZE TABLE products, sellers, questions, answers, shoppers`.execute(db);
  // 20k rows through the triggers take ~20 s alone and over a minute on a busy 2-core machine.
}, 240_000);
afterAll(() => testDb.destroy());

const planOf = (query: OperationNodeSource) => explainPlan(db, query);

function expectIndexedWithoutSort(plan: PlanRow[], table: string) {
  const row = plan.find((r) => r.table === table);
  const shown = JSON.stringify(plan.map(({ table: t, type, key, Extra }) => ({ t, type, key, Extra })));
  expect({ plan: shown, fullScan: row?.type === 'ALL' }).toEqual({ plan: shown, fullScan: false });
  expect({ plan: shown, key: row?.key ?? null }).toEqual({ plan: shown, key: expect.any(String) });
  expect({ plan: shown, filesort: /filesort|temporary/i.test(plan.map((r) => r.Extra ?? '').join(' ')) }).toEqual({
    plan: shown,
    filesort: false,
  });
  for (const other of plan.filter((r) => r.table !== table))
    expect({ plan: shown, lookup: ['eq_ref', 'const'].includes(other.type) }).toEqual({ plan: shown, lookup: true });
}

const FILTERS: [string, () => ProductListFilter][] = [
  ['no filter', () => ({})],
  ['mainCategoryId', () => ({ mainCategoryId: CATEGORY.shop.main })],
  ['firstCategoryId', () => ({ firstCategoryId: CATEGORY.shop.first })],
  ['secondCategoryId', () => ({ secondCategoryId: CATEGORY.shop.second })],
  ['sellerId', () => ({ sellerId })],
  ['mainCategoryId + onSale + q', () => ({ mainCategoryId: CATEGORY.brand.main, onSale: true, q: 'product 1' })],
];

describe('GET /products', () => {
  const combos = PRODUCT_SORTS.flatMap((sort) => FILTERS.map(([label, filter]) => [sort, label, filter] as const));

  test.each(combos)('sort=%s, %s: index in sort order, first page and a deep cursor', async (sort, _label, filter) => {
    const now = new Date();
    const firstPage = await planOf(buildProductListQuery(db, { filter: filter(), sort, limit: 60, now }));
    expectIndexedWithoutSort(firstPage, 'p');
    const key = sort === 'newest' ? Date.UTC(2026, 0, 1, 12) : sort === 'recommended' ? 38_000 : 5000;
    const deepPage = await planOf(buildProductListQuery(db, { filter: filter(), sort, limit: 60, now, cursor: { key, id: 700 } }));
    expectIndexedWithoutSort(deepPage, 'p');
  });

  test.each(['price_asc', 'price_desc'] as const)('sort=%s with a price range reads only that range of the price index', async (sort) => {
    const plan = await planOf(
      buildProductListQuery(db, { filter: { minPrice: 10_000, maxPrice: 20_000 }, sort, limit: 60, now: new Date() }),
    );
    expectIndexedWithoutSort(plan, 'p');
    expect(plan.find((r) => r.table === 'p')).toMatchObject({ type: 'range', key: 'ix_products_price' });
  });
});

describe('GET /products?q= plans', () => {
  // 20k rows stand in for a million: at a 1,000-row driving limit, 'linen' (~9.6k live postings) is common.
  const limits = { ...FEED_PLAN_LIMITS, drivingRows: 1000, sampledPostings: 200 };
  const params = (filter: ProductListFilter, sort: ProductListParams['sort'] = 'recommended'): ProductListParams => ({
    filter,
    sort,
    limit: 60,
    now: new Date(),
  });
  const plan = (filter: ProductListFilter, sort?: ProductListParams['sort']) => planFeedAccess(db, params(filter, sort), limits);

  test.each([
    ['a word no token contains', { q: 'zzz' }, { kind: 'none' }],
    ['a known word beside one no token contains', { q: 'linen zzz' }, { kind: 'none' }],
    ['minPrice above maxPrice', { minPrice: 20_000, maxPrice: 10_000 }, { kind: 'none' }],
    ['no q', { mainCategoryId: CATEGORY.shop.main }, { kind: 'sorted' }],
    ['a rare word', { q: '12345' }, { kind: 'postings', tokens: ['12345'] }],
    ['a rare word beside a common one', { q: 'linen 12345' }, { kind: 'postings', tokens: ['12345'] }],
    ['a common word', { q: 'linen' }, { kind: 'sorted' }],
    ['two common words that meet', { q: 'linen product' }, { kind: 'sorted' }],
    ['two common words that never meet', { q: 'linen denim' }, { kind: 'pairs', pairs: [expect.arrayContaining(['linen', 'denim'])] }],
    ['two common words that seldom meet', { q: 'crop wide' }, { kind: 'pairs', pairs: [expect.arrayContaining(['crop', 'wide'])] }],
    ['two common words sharing a token', { q: 'lin nen' }, { kind: 'sorted' }],
    ['a common word in a narrow price range', { q: 'linen', minPrice: 10_000, maxPrice: 10_500 }, { kind: 'price' }],
    ['a common word above every price', { q: 'linen', minPrice: 900_000 }, { kind: 'price' }],
    ['a narrow price range', { minPrice: 10_000, maxPrice: 10_500 }, { kind: 'price' }],
    ['a narrow price range in a category', { minPrice: 10_000, maxPrice: 14_000, firstCategoryId: CATEGORY.shop.first }, { kind: 'price' }],
    ['a wide price range', { minPrice: 10_000, maxPrice: 40_000 }, { kind: 'sorted' }],
  ] as [string, ProductListFilter, FeedAccess][])('%s', async (_label, filter, expected) => {
    expect(await plan(filter)).toEqual(expected);
  });

  test.each(['price_asc', 'price_desc'] as const)('sort=%s reads a narrow price range in order, with or without q', async (sort) => {
    expect(await plan({ minPrice: 10_000, maxPrice: 10_500 }, sort)).toEqual({ kind: 'sorted' });
    expect(await plan({ q: 'linen', minPrice: 10_000, maxPrice: 10_500 }, sort)).toEqual({ kind: 'sorted' });
  });

  test.each(['recommended', 'sales', 'newest'] as const)(
    'sort=%s, price: the range from its index alone, each product read by primary key',
    async (sort) => {
      for (const [filter, index] of [
        [{ minPrice: 10_000, maxPrice: 10_500 }, 'ix_products_price'],
        [{ minPrice: 10_000, maxPrice: 14_000, firstCategoryId: CATEGORY.shop.first, q: 'linen' }, 'ix_products_first_price'],
      ] as const) {
        const rows = await planOf(buildProductListQuery(db, params(filter, sort), { kind: 'price' }));
        const shown = JSON.stringify(rows.map(({ table, type, key, Extra }) => ({ table, type, key, Extra })));
        expect({ shown, range: rows.find((r) => r.table === 'r') }).toMatchObject({
          shown,
          range: { type: 'range', key: index, Extra: expect.stringContaining('Using index') },
        });
        expect({ shown, p: rows.find((r) => r.table === 'p') }).toMatchObject({ shown, p: { type: 'eq_ref', key: 'PRIMARY' } });
        expect({ shown, s: rows.find((r) => r.table === 's') }).toMatchObject({ shown, s: { type: 'eq_ref', key: 'PRIMARY' } });
        expect({ shown, order: rows.filter((r) => r.table !== 'r').map((r) => r.table) }).toEqual({
          shown,
          order: [expect.stringMatching(/^<derived\d>$/), 'p', 's'],
        });
      }
    },
  );

  test.each(PRODUCT_SORTS)('sort=%s, postings: the tokens drive, each product read by primary key', async (sort) => {
    for (const tokens of [['12345'], ['1234', '12345']]) {
      const rows = await planOf(
        buildProductListQuery(db, params({ q: '1234', onSale: true, mainCategoryId: CATEGORY.shop.main }, sort), {
          kind: 'postings',
          tokens,
        }),
      );
      const shown = JSON.stringify(rows.map(({ table, type, key }) => ({ table, type, key })));
      expect({ shown, order: rows.map((r) => r.table) }).toEqual({ shown, order: ['t', 'p', 's'] });
      expect({ shown, t: rows[0] }).toMatchObject({ shown, t: { type: expect.stringMatching(/^(ref|range)$/), key: 'PRIMARY' } });
      expect({ shown, p: rows[1] }).toMatchObject({ shown, p: { type: 'eq_ref', key: 'PRIMARY' } });
      expect({ shown, s: rows[2] }).toMatchObject({ shown, s: { type: 'eq_ref', key: 'PRIMARY' } });
    }
  });

  test.each(PRODUCT_SORTS)('sort=%s, pairs: the pair postings drive, each product read by primary key', async (sort) => {
    const rows = await planOf(
      buildProductListQuery(db, params({ q: 'crop wide', onSale: false }, sort), { kind: 'pairs', pairs: [['crop', 'wide']] }),
    );
    const shown = JSON.stringify(rows.map(({ table, type, key }) => ({ table, type, key })));
    expect({ shown, order: rows.map((r) => r.table) }).toEqual({ shown, order: ['t', 'p', 's'] });
    expect({ shown, t: rows[0] }).toMatchObject({ shown, t: { type: 'range', key: 'PRIMARY' } });
    expect({ shown, p: rows[1] }).toMatchObject({ shown, p: { type: 'eq_ref', key: 'PRIMARY' } });
    expect({ shown, s: rows[2] }).toMatchObject({ shown, s: { type: 'eq_ref', key: 'PRIMARY' } });
  });

  test.each(['price_asc', 'price_desc'] as const)(
    'sort=%s, a common word above every price: read from the (empty) price range',
    async (sort) => {
      const rows = await planOf(buildProductListQuery(db, params({ q: 'linen', minPrice: 900_000 }, sort), { kind: 'sorted' }));
      expect(rows.find((r) => r.table === 'p')).toMatchObject({ type: 'range', key: 'ix_products_price' });
    },
  );
});

describe('GET /sellers', () => {
  // The product count is a per-row subquery on the seller's products index; the seller rows come in order.
  test.each(SELLER_SORTS)('sort=%s: an index in sort order', async (sort) => {
    const plan = await planOf(buildSellerListQuery(db, {}, sort, { limit: 20, offset: 40 }));
    expectIndexedWithoutSort(
      plan.filter((r) => r.table !== 'p'),
      's',
    );
    expect(plan.find((r) => r.table === 'p')).toMatchObject({
      type: 'ref',
      key: 'ix_products_seller_visible',
      Extra: expect.stringContaining('Using index'),
    });
  });
});

describe('questions', () => {
  test.each([
    ['a product’s questions', () => ({ productId })],
    ['a product’s questions of one type', () => ({ productId, typeId: 2 })],
    ['a product’s answered questions', () => ({ productId, answered: true })],
    ['my questions', () => ({ shopperId })],
  ])('%s: the questions index in date order', async (_label, filter) => {
    const plan = await planOf(buildQuestionPageQuery(db, filter(), { limit: 20, offset: 40 }));
    expectIndexedWithoutSort(plan, 'q');
  });
});
