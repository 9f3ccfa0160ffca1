import type { Db } from '@brandi/db';

export interface ListCase {
  name: string;
  as: 'admin' | 'seller';
  query: Record<string, string>;
}

export interface Picks {
  sellerId: number;
  sellerName: string;
  word: string;
  productId: number;
  productCode: string;
  from: string;
  to: string;
}

const day = (date: Date) => date.toISOString().slice(0, 10);

/** Real values from the dataset so every filter matches something: the busiest shop seller, a name word, a product. */
export async function pickFilterValues(db: Db): Promise<Picks> {
  const seller = await db
    .selectFrom('products as p')
    .innerJoin('sellers as s', 's.id', 'p.seller_id')
    .select(['s.id', 's.name_ko', (eb) => eb.fn.countAll<number>().as('n')])
    .where('s.status', '=', 'active')
    .where('s.attribute_id', '<=', 3)
    .groupBy(['s.id', 's.name_ko'])
    .orderBy('n', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const product = await db.selectFrom('products').select(['id', 'code', 'name']).where('deleted_at', 'is', null).orderBy('id').offset(12345).limit(1).executeTakeFirstOrThrow();
  const month = 30 * 24 * 3600 * 1000;
  return {
    sellerId: seller.id,
    sellerName: seller.name_ko,
    word: product.name.split(' ')[1] ?? product.name,
    productId: product.id,
    productCode: product.code,
    from: day(new Date(Date.now() - 3 * month)),
    to: day(new Date(Date.now() - 2 * month)),
  };
}

export function listCases(p: Picks): ListCase[] {
  const single: [string, Record<string, string>][] = [
    ['no filter', {}],
    ['registeredFrom..To (1 month)', { registeredFrom: p.from, registeredTo: p.to }],
    ['registeredFrom only', { registeredFrom: p.from }],
    ['sellerName', { sellerName: p.sellerName }],
    ['sellerAttributeIds=1,4,7', { sellerAttributeIds: '1,4,7' }],
    [`searchField=name q=${p.word}`, { searchField: 'name', q: p.word }],
    ['name q=없는상품명 (no match)', { searchField: 'name', q: '없는상품명' }],
    ['searchField=id', { searchField: 'id', q: String(p.productId) }],
    ['searchField=code', { searchField: 'code', q: p.productCode }],
    ['onSale=true', { onSale: 'true' }],
    ['onSale=false', { onSale: 'false' }],
    ['displayed=false', { displayed: 'false' }],
    ['discounted=true', { discounted: 'true' }],
    ['discounted=false', { discounted: 'false' }],
    ['sort=oldest', { sort: 'oldest' }],
    ['page 50', { page: '50' }],
  ];
  const combos: [string, Record<string, string>][] = [
    ['attr 2 + onSale + discounted', { sellerAttributeIds: '2', onSale: 'true', discounted: 'true' }],
    ['range + displayed=true', { registeredFrom: p.from, registeredTo: p.to, displayed: 'true' }],
    ['sellerName + range', { sellerName: p.sellerName, registeredFrom: p.from, registeredTo: p.to }],
    [`name q=${p.word} + onSale=false`, { searchField: 'name', q: p.word, onSale: 'false' }],
  ];
  return [
    ...single.map(([name, query]): ListCase => ({ name, as: 'admin', query })),
    { name: `sellerId=${p.sellerId}`, as: 'admin', query: { sellerId: String(p.sellerId) } },
    { name: `sellerId + name q=${p.word}`, as: 'admin', query: { sellerId: String(p.sellerId), searchField: 'name', q: p.word } },
    ...combos.map(([name, query]): ListCase => ({ name, as: 'admin', query })),
    ...single.map(([name, query]): ListCase => ({ name, as: 'seller', query })),
    ...combos.slice(0, 2).map(([name, query]): ListCase => ({ name, as: 'seller', query })),
  ];
}
