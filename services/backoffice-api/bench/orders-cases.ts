import { sql, type Db } from '@brandi/db';

// The order desk's list cases for bench:orders: every filter alone (and a few in pairs), with values taken from
// the data (a recent order's number and phone, a common name, a product word), first page and 10,000 rows deep.

export interface OrderCase {
  as: 'admin' | 'seller';
  name: string;
  url: string;
}

const KST_OFFSET_MS = 9 * 3600 * 1000;
const kstDay = (at: Date) => new Date(at.getTime() + KST_OFFSET_MS).toISOString().slice(0, 10);
const DAY = 24 * 3600 * 1000;

export interface OrderPicks {
  sellerId: number;
  sellerName: string;
  sellerItems: number;
  orderNo: string;
  itemNo: string;
  phone: string;
  ordererName: string;
  productWord: string;
  today: string;
  weekAgo: string;
  monthAgo: string;
}

/** The seller with the most items (the desk's heaviest scope) and filter values that occur in the data. */
export async function pickOrderValues(db: Db): Promise<OrderPicks> {
  const top = await sql<{ seller_id: number; n: number }>`SELECT seller_id, SUM(item_count) AS n FROM order_item_counts
    GROUP BY seller_id ORDER BY n DESC LIMIT 1`.execute(db);
  const sellerId = Number(top.rows[0].seller_id);
  const seller = await db.selectFrom('sellers').select('name_ko').where('id', '=', sellerId).executeTakeFirstOrThrow();
  const recent = await db
    .selectFrom('order_items as i')
    .innerJoin('orders as o', 'o.id', 'i.order_id')
    .select(['o.order_no', 'i.item_no', 'o.orderer_phone', 'o.orderer_name', 'i.product_name', 'i.placed_at'])
    .where('i.seller_id', '=', sellerId)
    .orderBy('i.placed_at', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const now = recent.placed_at;
  return {
    sellerId,
    sellerName: seller.name_ko,
    sellerItems: Number(top.rows[0].n),
    orderNo: recent.order_no ?? '',
    itemNo: recent.item_no,
    phone: recent.orderer_phone,
    ordererName: recent.orderer_name,
    productWord: recent.product_name.split(' ')[1] ?? recent.product_name,
    today: kstDay(now),
    weekAgo: kstDay(new Date(now.getTime() - 7 * DAY)),
    monthAgo: kstDay(new Date(now.getTime() - 30 * DAY)),
  };
}

export function orderCases(p: OrderPicks): OrderCase[] {
  const filters: [string, Record<string, string>][] = [
    ['no filter', {}],
    ['no filter, 10,000 deep', { page: '100', limit: '100' }],
    ['status=paid', { status: 'paid' }],
    ['status=refund_requested', { status: 'refund_requested' }],
    ['status=paid,preparing,shipping', { status: 'paid,preparing,shipping' }],
    ['status=paid,preparing,shipping, 10,000 deep', { status: 'paid,preparing,shipping', page: '100', limit: '100' }],
    ['placed last 30 days', { from: p.monthAgo, to: p.today }],
    ['placed last 30 days, oldest first', { from: p.monthAgo, to: p.today, sort: 'oldest' }],
    ['status changed last 7 days + status=shipping', { dateField: 'status', from: p.weekAgo, to: p.today, status: 'shipping' }],
    ['placed last 30 days + status=delivered,confirmed', { from: p.monthAgo, to: p.today, status: 'delivered,confirmed' }],
    ['orderNo exact', { searchField: 'orderNo', q: p.orderNo }],
    ['orderNo day prefix', { searchField: 'orderNo', q: p.orderNo.slice(0, 8) }],
    ['itemNo exact', { searchField: 'itemNo', q: p.itemNo }],
    ['ordererPhone 7-digit prefix', { searchField: 'ordererPhone', q: p.phone.slice(0, 8) }],
    ['ordererPhone full', { searchField: 'ordererPhone', q: p.phone }],
    ['ordererName full name', { searchField: 'ordererName', q: p.ordererName }],
    ['ordererName given name', { searchField: 'ordererName', q: p.ordererName.slice(1) }],
    ['productName word', { searchField: 'productName', q: p.productWord }],
    ['productName word + status=paid', { searchField: 'productName', q: p.productWord, status: 'paid' }],
  ];
  const adminOnly: [string, Record<string, string>][] = [
    ['sellerId', { sellerId: String(p.sellerId) }],
    ['sellerId + status=delivered', { sellerId: String(p.sellerId), status: 'delivered' }],
    ['sellerName', { searchField: 'sellerName', q: p.sellerName }],
  ];
  const make = (as: OrderCase['as'], [name, query]: [string, Record<string, string>]) => ({
    as,
    name,
    url: `/orders?${new URLSearchParams(query)}`,
  });
  return [
    ...filters.map((f) => make('seller', f)),
    ...filters.map((f) => make('admin', f)),
    ...adminOnly.map((f) => make('admin', f)),
    { as: 'seller', name: 'summary', url: '/orders/summary' },
    { as: 'admin', name: 'summary', url: '/orders/summary' },
  ];
}
