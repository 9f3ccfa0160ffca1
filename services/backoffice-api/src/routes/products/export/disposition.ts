const KST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** `YYYYMMDD_HHmm` in Asia/Seoul, for file names. */
function kstStamp(at: Date): string {
  const iso = new Date(at.getTime() + KST_OFFSET_MS).toISOString();
  return `${iso.slice(0, 10).replaceAll('-', '')}_${iso.slice(11, 16).replace(':', '')}`;
}

/**
 * `attachment` with the Korean name as RFC 5987 `filename*` and an ASCII `filename` for clients that ignore
 * it (RFC 6266 §4.3: they prefer `filename*` when both are given).
 */
export function exportDisposition(now: Date): string {
  const stamp = kstStamp(now);
  const korean = `상품목록_${stamp}.xlsx`;
  return `attachment; filename="products_${stamp}.xlsx"; filename*=UTF-8''${encodeURIComponent(korean)}`;
}
