import { sql } from '@brandi/db';
import { escapeLike } from '@brandi/http';
import { resolveProductRead } from '../src/routes/products/sql/resolved-read.js';
import { pairRoute } from '../src/routes/products/sql/word-routes.js';
import type { Actor } from '../src/types.js';
import { startTestApp, type TestContext } from './harness.js';
import { bearerFor, createAdmin, createSeller } from './sellers.fixtures.js';

// Several words in an admin's name search: two words that share few names come from their pair postings
// (product_name_token_pairs) and are read by primary key; others through product_token_facets. Whatever the
// route, with every other filter, both sorts and a deep page, the list and its total must be what a plain query
// (every word LIKE on the name, the filters on the row) finds, before and after writes.

const NOW = new Date('2026-11-26T00:00:00.000Z');
let ctx: TestContext;
let headers: Record<string, string>;
let adminActor: Actor;
const sellers: number[] = [];

// Many names with one of the words, few with both: the pair route is the cheaper one for them.
const COMMON = ['루즈핏 티셔츠', '데님 청바지', '코튼 셔츠', '미니 스커트', '니트 조끼', 'Cotton 니트'];
const RARE = [
  '루즈핏 청바지',
  '루즈핏  바지 코튼',
  '코튼 니트 가디건',
  '미니멀 코튼 니트',
  '코튼니트 바지',
  '니트 니트',
  '루즈핏 청바지 청바지',
];

const QUERIES = [
  '루즈핏 바지',
  '바지 루즈핏',
  '튼 니',
  '니트 코튼',
  '튼 니 미',
  '니트 니트',
  '코튼니트 바지',
  'cotton 니트',
  '루즈핏 없는',
];
const EXTRAS = [
  '',
  '&onSale=true',
  '&displayed=false',
  '&discounted=true',
  '&discounted=false&onSale=false',
  '&sellerAttributeIds=1,4',
  '&registeredFrom=2026-11-10&registeredTo=2026-11-20',
  `&sellerName=${encodeURIComponent('셀러')}`,
  '&sort=oldest',
];

interface Filter {
  words: string[];
  onSale?: boolean;
  displayed?: boolean;
  discounted?: boolean;
  attributes?: number[];
  from?: Date;
  to?: Date;
  sort: 'newest' | 'oldest';
}

function parse(q: string, extra: string): Filter {
  const p = new URLSearchParams(extra.slice(1));
  const bool = (name: string) => (p.has(name) ? p.get(name) === 'true' : undefined);
  return {
    words: q.split(/\s+/).filter((w) => w.length > 0),
    onSale: bool('onSale'),
    displayed: bool('displayed'),
    discounted: bool('discounted'),
    attributes: p.has('sellerAttributeIds') ? p.get('sellerAttributeIds')!.split(',').map(Number) : undefined,
    from: p.has('registeredFrom') ? new Date(`${p.get('registeredFrom')}T00:00:00+09:00`) : undefined,
    to: p.has('registeredTo') ? new Date(Date.parse(`${p.get('registeredTo')}T00:00:00+09:00`) + 86_400_000) : undefined,
    sort: p.get('sort') === 'oldest' ? 'oldest' : 'newest',
  };
}

/** The plain query: products ⋈ sellers ⋈ attributes, every word LIKE on the name, the filters on the row. */
async function expected(f: Filter): Promise<number[]> {
  let query = ctx.db
    .selectFrom('products as p')
    .innerJoin('sellers as s', 's.id', 'p.seller_id')
    .innerJoin('seller_attributes as a', 'a.id', 's.attribute_id')
    .select('p.id')
    .where('p.deleted_at', 'is', null);
  for (const word of f.words) query = query.where('p.name', 'like', `%${escapeLike(word)}%`);
  if (f.onSale !== undefined) query = query.where('p.is_on_sale', '=', f.onSale);
  if (f.displayed !== undefined) query = query.where('p.is_displayed', '=', f.displayed);
  if (f.discounted !== undefined) {
    const active = sql<boolean>`(p.discount_rate > 0 AND (p.discount_starts_at IS NULL OR p.discount_starts_at <= ${NOW}) AND (p.discount_ends_at IS NULL OR p.discount_ends_at >= ${NOW}))`;
    query = query.where(f.discounted ? active : sql<boolean>`NOT ${active}`);
  }
  if (f.attributes !== undefined) query = query.where('s.attribute_id', 'in', f.attributes);
  if (f.from !== undefined) query = query.where('p.created_at', '>=', f.from);
  if (f.to !== undefined) query = query.where('p.created_at', '<', f.to);
  const dir = f.sort === 'oldest' ? 'asc' : 'desc';
  return (await query.orderBy('p.created_at', dir).orderBy('p.id', dir).execute()).map((r) => r.id);
}

async function expectListsMatch(): Promise<void> {
  for (const q of QUERIES) {
    for (const extra of EXTRAS) {
      const want = await expected(parse(q, extra));
      // A page past the end still carries the total (the pair route's page and total are one statement).
      for (const [page, limit] of [
        [1, 100],
        [3, 2],
        [60, 100],
      ]) {
        const url = `/products?q=${encodeURIComponent(q)}${extra}&page=${page}&limit=${limit}`;
        const res = await ctx.app.inject({ method: 'GET', url, headers });
        expect(res.statusCode).toBe(200);
        const body = res.json();
        expect({ url, total: body.total, ids: body.items.map((i: { id: number }) => i.id) }).toEqual({
          url,
          total: want.length,
          ids: want.slice((page - 1) * limit, page * limit),
        });
      }
    }
  }
}

beforeAll(async () => {
  ctx = await startTestApp({ now: () => NOW });
  for (const attributeId of [1, 4, 7, null]) sellers.push(await createSeller(ctx.db, { attributeId, nameKo: `셀러${attributeId ?? 0}` }));
  const adminId = await createAdmin(ctx.db);
  headers = await bearerFor(ctx.app, adminId, 'admin');
  adminActor = { id: adminId, role: 'admin', status: 'active', attributeId: null, nameKo: 'admin' };
  const base = Date.UTC(2026, 10, 1);
  const names = [...Array.from({ length: 600 }, (_, i) => COMMON[i % COMMON.length]), ...RARE, ...RARE, ...RARE];
  const rows = names.map((name, i) => {
    // Some share one instant, so the id decides their order.
    const created = new Date(base + Math.floor(i / 2) * 3_600_000 * 2.5);
    return {
      seller_id: sellers[(i * 7) % sellers.length],
      code: `WORDS${String(i).padStart(5, '0')}`,
      name,
      main_category_id: 4,
      first_category_id: 1,
      second_category_id: 1,
      detail_html: '',
      price: 1000,
      discount_rate: i % 3 === 0 ? 10 : 0,
      discount_starts_at: i % 5 === 0 ? new Date('2026-12-01T00:00:00Z') : null,
      discount_ends_at: null,
      effective_price: 1000,
      effective_discount_rate: 0,
      min_order_qty: 1,
      max_order_qty: 5,
      is_on_sale: i % 4 !== 0,
      is_displayed: i % 7 !== 0,
      main_image_key: null,
      ranking_score: 0,
      created_at: created,
      updated_at: created,
      deleted_at: i % 11 === 0 ? created : null,
    };
  });
  await ctx.db.insertInto('products').values(rows).execute();
  await sql`ANALYZE TABLE products, product_token_facets, product_name_token_pairs`.execute(ctx.db);
});
afterAll(() => ctx.close());

test('two words sharing few names take the pair route; three words and shared tokens do not break it', async () => {
  const route = async (q: string) => pairRoute(ctx.db, await resolveProductRead(ctx.db, adminActor, { q }, NOW));
  expect(await route('루즈핏 바지')).toBeDefined();
  expect(await route('튼 니 미')).toBeDefined();
  // A rare word's facet range is cheaper than reading its pairs' products.
  expect(await route('코튼니트 바지')).toBeUndefined();
  // 코튼니트 holds both words: a name with it has no pair posting for them.
  expect(await route('튼 트')).toBeUndefined();
});

test('after inserts (some deleted), every search and filter lists what a plain query finds', async () => {
  await expectListsMatch();
}, 240_000);

test('after renames, flag and discount changes, soft deletes, an undelete and a hard delete', async () => {
  const rare = (await ctx.db.selectFrom('products').select(['id', 'name']).where('code', '>=', 'WORDS00600').orderBy('id').execute()).slice(
    0,
    12,
  );
  await ctx.db.updateTable('products').set({ name: '루즈핏 면바지' }).where('id', '=', rare[0].id).execute();
  await ctx.db.updateTable('products').set({ name: '셔츠' }).where('id', '=', rare[1].id).execute();
  await ctx.db.updateTable('products').set({ is_on_sale: false, discount_rate: 40 }).where('id', '=', rare[2].id).execute();
  await ctx.db.updateTable('products').set({ deleted_at: NOW }).where('id', '=', rare[3].id).execute();
  await ctx.db.updateTable('products').set({ deleted_at: null }).where('code', '=', 'WORDS00011').execute();
  await ctx.db.updateTable('products').set({ deleted_at: null, name: '코튼 루즈핏 바지' }).where('id', '=', rare[4].id).execute();
  await ctx.db.updateTable('products').set({ seller_id: sellers[3] }).where('id', '=', rare[5].id).execute();
  await ctx.db.deleteFrom('products').where('id', '=', rare[6].id).execute();
  await expectListsMatch();
}, 240_000);
