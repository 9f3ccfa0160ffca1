import type { Db } from '@brandi/db';

// The back-office list cases are generated, not hand-picked: for each list (products, questions, sellers) every
// filter has common, rare and absent values taken from the dataset; the cases are every value alone and every
// pair of filters (several value combinations each), on the first page and 10,000 rows deep (page 100 × 100),
// as an admin and as a seller (who sees only its own rows; /sellers is admin only).

export type Actor = 'admin' | 'seller';

export interface ListCase {
  list: 'products' | 'questions' | 'sellers';
  name: string;
  as: Actor;
  query: Record<string, string>;
}

export interface Picks {
  sellerId: number;
  sellerName: string;
  /** A seller name part every bench seller shares, and one about a fifth of them share. */
  commonSellerPart: string;
  manySellerPart: string;
  commonWord: string;
  rareWords: string;
  /** Two adjacent words of a product name (a phrase many names hold). */
  commonPhrase: string;
  productId: number;
  productCode: string;
  productName: string;
  sellerLoginId: string;
  sellerNameEn: string;
  managerName: string;
  managerPhone: string;
  managerEmail: string;
  day: string;
  monthFrom: string;
  monthTo: string;
  yearFrom: string;
  questionDay: string;
  questionMonthFrom: string;
  questionMonthTo: string;
}

const day = (date: Date) => date.toISOString().slice(0, 10);
const DAY_MS = 24 * 3600 * 1000;

/** Real values from the dataset so that "common" and "rare" values match something and "absent" ones nothing. */
export async function pickFilterValues(db: Db): Promise<Picks> {
  const seller = await db
    .selectFrom('seller_product_counts as c')
    .innerJoin('sellers as s', 's.id', 'c.seller_id')
    .select([
      's.id',
      's.name_ko',
      's.name_en',
      's.login_id',
      's.manager_name',
      's.manager_phone',
      's.manager_email',
      (eb) => eb.fn.sum<number>('c.product_count').as('n'),
    ])
    .where('s.status', '=', 'active')
    .where('s.attribute_id', '<=', 3)
    .groupBy(['s.id', 's.name_ko', 's.name_en', 's.login_id', 's.manager_name', 's.manager_phone', 's.manager_email'])
    .orderBy('n', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const product = await db
    .selectFrom('products')
    .select(['id', 'code', 'name'])
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .offset(12345)
    .limit(1)
    .executeTakeFirstOrThrow();
  const words = product.name.split(' ');
  const newest = await db.selectFrom('products').select('created_at').orderBy('created_at', 'desc').limit(1).executeTakeFirstOrThrow();
  const newestQuestion = await db
    .selectFrom('questions')
    .select('created_at')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const top = newest.created_at.getTime();
  const qTop = newestQuestion.created_at.getTime();
  return {
    sellerId: seller.id,
    sellerName: seller.name_ko,
    commonSellerPart: '셀러',
    manySellerPart: '셀러1',
    commonWord: words[1] ?? words[0],
    rareWords: `${words[0]} ${words[words.length - 1]}`,
    commonPhrase: words.slice(1, 3).join(' '),
    productId: product.id,
    productCode: product.code,
    productName: product.name,
    sellerLoginId: seller.login_id,
    sellerNameEn: seller.name_en,
    managerName: seller.manager_name ?? '담당자',
    managerPhone: seller.manager_phone ?? '010',
    managerEmail: seller.manager_email ?? 'example',
    day: day(new Date(top - 40 * DAY_MS)),
    monthFrom: day(new Date(top - 90 * DAY_MS)),
    monthTo: day(new Date(top - 60 * DAY_MS)),
    yearFrom: day(new Date(top - 365 * DAY_MS)),
    questionDay: day(new Date(qTop - 20 * DAY_MS)),
    questionMonthFrom: day(new Date(qTop - 60 * DAY_MS)),
    questionMonthTo: day(new Date(qTop - 30 * DAY_MS)),
  };
}

type Strength = 'common' | 'rare' | 'absent';
interface Value {
  strength: Strength;
  label: string;
  query: Record<string, string>;
}
interface Dimension {
  name: string;
  values: Value[];
  adminOnly?: boolean;
}

const v = (strength: Strength, label: string, query: Record<string, string>): Value => ({ strength, label, query });

function productDimensions(p: Picks): Dimension[] {
  return [
    {
      name: 'registered',
      values: [
        v('common', 'registered last year', { registeredFrom: p.yearFrom }),
        v('common', 'registered 1 month', { registeredFrom: p.monthFrom, registeredTo: p.monthTo }),
        v('rare', 'registered 1 day', { registeredFrom: p.day, registeredTo: p.day }),
        v('absent', 'registered 2099', { registeredFrom: '2099-01-01' }),
      ],
    },
    {
      name: 'sellerName',
      values: [
        v('common', `sellerName=${p.commonSellerPart} (all)`, { sellerName: p.commonSellerPart }),
        v('common', `sellerName=${p.manySellerPart} (~1/5)`, { sellerName: p.manySellerPart }),
        v('rare', 'sellerName=one seller', { sellerName: p.sellerName }),
        v('absent', 'sellerName=없는셀러', { sellerName: '없는셀러' }),
      ],
    },
    {
      name: 'attributes',
      values: [v('common', 'attributes 1,4,7', { sellerAttributeIds: '1,4,7' }), v('rare', 'attribute 2', { sellerAttributeIds: '2' })],
    },
    {
      name: 'q',
      values: [
        v('common', `q=${p.commonWord}`, { searchField: 'name', q: p.commonWord }),
        v('common', 'q=튼 니 (two words)', { searchField: 'name', q: '튼 니' }),
        v('rare', `q=${p.rareWords}`, { searchField: 'name', q: p.rareWords }),
        v('rare', 'q=id', { searchField: 'id', q: String(p.productId) }),
        v('rare', 'q=code', { searchField: 'code', q: p.productCode }),
        v('absent', 'q=없는상품명', { searchField: 'name', q: '없는상품명' }),
        v('absent', 'q=없는 상품', { searchField: 'name', q: '없는 상품' }),
      ],
    },
    { name: 'onSale', values: [v('common', 'onSale=true', { onSale: 'true' }), v('rare', 'onSale=false', { onSale: 'false' })] },
    {
      name: 'displayed',
      values: [v('common', 'displayed=true', { displayed: 'true' }), v('rare', 'displayed=false', { displayed: 'false' })],
    },
    {
      name: 'discounted',
      values: [v('common', 'discounted=false', { discounted: 'false' }), v('rare', 'discounted=true', { discounted: 'true' })],
    },
    {
      name: 'sellerId',
      adminOnly: true,
      values: [v('rare', 'sellerId=busiest', { sellerId: String(p.sellerId) }), v('absent', 'sellerId=absent', { sellerId: '99999999' })],
    },
    { name: 'sort', values: [v('common', 'sort=oldest', { sort: 'oldest' })] },
  ];
}

function questionDimensions(p: Picks): Dimension[] {
  return [
    {
      name: 'answered',
      values: [v('common', 'answered=false', { answered: 'false' }), v('absent', 'answered=true', { answered: 'true' })],
    },
    { name: 'typeId', values: [v('common', 'typeId=1', { typeId: '1' }), v('absent', 'typeId=200', { typeId: '200' })] },
    {
      name: 'productName',
      values: [
        v('common', `productName=${p.commonWord}`, { productName: p.commonWord }),
        v('rare', 'productName=full name', { productName: p.productName }),
        v('common', `productName=${p.commonPhrase} (phrase)`, { productName: p.commonPhrase }),
        v('common', `productName="${p.commonWord} " (word, space)`, { productName: `${p.commonWord} ` }),
        v('absent', 'productName=없는상품명', { productName: '없는상품명' }),
      ],
    },
    {
      name: 'dates',
      values: [
        v('common', 'from..to 1 month', { from: p.questionMonthFrom, to: p.questionMonthTo }),
        v('common', 'from only', { from: p.questionMonthFrom }),
        v('rare', 'one day', { from: p.questionDay, to: p.questionDay }),
        v('absent', 'from 2099', { from: '2099-01-01' }),
      ],
    },
  ];
}

function sellerDimensions(p: Picks): Dimension[] {
  return [
    { name: 'id', values: [v('rare', 'id', { id: String(p.sellerId) }), v('absent', 'id absent', { id: '99999999' })] },
    { name: 'loginId', values: [v('common', 'loginId=bulk', { loginId: 'bulk' }), v('rare', 'loginId=one', { loginId: p.sellerLoginId })] },
    {
      name: 'nameKo',
      values: [
        v('common', `nameKo=${p.commonSellerPart}`, { nameKo: p.commonSellerPart }),
        v('rare', 'nameKo=one', { nameKo: p.sellerName }),
        v('absent', 'nameKo=없는셀러', { nameKo: '없는셀러' }),
      ],
    },
    { name: 'nameEn', values: [v('common', 'nameEn=seller', { nameEn: 'seller' }), v('rare', 'nameEn=one', { nameEn: p.sellerNameEn })] },
    {
      name: 'managerName',
      values: [v('common', 'managerName', { managerName: '담당자' }), v('rare', 'managerName=one', { managerName: p.managerName })],
    },
    {
      name: 'managerPhone',
      values: [v('common', 'managerPhone=010', { managerPhone: '010' }), v('rare', 'managerPhone=one', { managerPhone: p.managerPhone })],
    },
    {
      name: 'managerEmail',
      values: [
        v('common', 'managerEmail=example', { managerEmail: 'example' }),
        v('rare', 'managerEmail=one', { managerEmail: p.managerEmail }),
      ],
    },
    {
      name: 'status',
      values: [
        v('common', 'status=active', { status: 'active' }),
        v('rare', 'status=paused', { status: 'paused' }),
        v('absent', 'status=closed', { status: 'closed' }),
      ],
    },
    { name: 'attributeId', values: [v('common', 'attributeId=3', { attributeId: '3' })] },
    {
      name: 'registered',
      values: [
        v('common', 'registered 1 year', { registeredFrom: p.yearFrom }),
        v('rare', 'registered 1 day', { registeredFrom: p.day, registeredTo: p.day }),
      ],
    },
  ];
}

const PAGES: [string, Record<string, string>][] = [
  ['first page', {}],
  ['10,000 deep', { page: '100', limit: '100' }],
];

/** Every value alone, then every pair of dimensions with each value of the one against a value of the other. */
function generate(list: ListCase['list'], dimensions: Dimension[], actors: Actor[]): ListCase[] {
  const cases: ListCase[] = [];
  const add = (values: Value[], adminOnly: boolean) => {
    const name = values.map((x) => x.label).join(' + ') || 'no filter';
    const query = Object.assign({}, ...values.map((x) => x.query)) as Record<string, string>;
    for (const as of actors) {
      if (as === 'seller' && adminOnly) continue;
      for (const [pageName, page] of PAGES) cases.push({ list, as, name: `${name} · ${pageName}`, query: { ...query, ...page } });
    }
  };
  add([], false);
  for (const d of dimensions) for (const value of d.values) add([value], d.adminOnly === true);
  for (let i = 0; i < dimensions.length; i++) {
    for (let j = i + 1; j < dimensions.length; j++) {
      const [a, b] = [dimensions[i], dimensions[j]];
      // Each value of either side meets a value of the other (rotating), so every value is paired at least once.
      const n = Math.max(a.values.length, b.values.length);
      for (let k = 0; k < n; k++)
        add([a.values[k % a.values.length], b.values[(k + i) % b.values.length]], a.adminOnly === true || b.adminOnly === true);
    }
  }
  return cases;
}

export function listCases(p: Picks): ListCase[] {
  return [
    ...generate('products', productDimensions(p), ['admin', 'seller']),
    ...generate('questions', questionDimensions(p), ['admin', 'seller']),
    ...generate('sellers', sellerDimensions(p), ['admin']),
  ];
}
