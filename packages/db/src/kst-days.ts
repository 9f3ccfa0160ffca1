const KST_OFFSET_MS = 9 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The UTC instant a `YYYY-MM-DD` calendar day starts in Asia/Seoul (UTC+9, no daylight saving). */
export function kstDayStart(day: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) - KST_OFFSET_MS);
}

/** The first instant after a `YYYY-MM-DD` day in Asia/Seoul: an exclusive upper bound for "to this day, inclusive". */
export function kstDayEnd(day: string): Date {
  return new Date(kstDayStart(day).getTime() + DAY_MS);
}
