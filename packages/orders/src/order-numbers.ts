const KST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** The calendar day in Asia/Seoul as YYYYMMDD. */
export function kstDay(at: Date): string {
  return new Date(at.getTime() + KST_OFFSET_MS).toISOString().slice(0, 10).replaceAll('-', '');
}

/**
 * orderNo = the KST day of placement + the order id zero-padded to at least 6 digits: unique because the id is
 * (the day has a fixed width), and no counter row for every checkout to queue on.
 */
export function orderNoFor(placedAt: Date, orderId: number): string {
  return `${kstDay(placedAt)}${String(orderId).padStart(6, '0')}`;
}

/** itemNo = orderNo-n, n from 1 within the order. */
export function itemNoFor(orderNo: string, n: number): string {
  return `${orderNo}-${n}`;
}
