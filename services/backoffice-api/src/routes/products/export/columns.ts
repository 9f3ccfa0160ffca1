import { effectivePrice } from '@brandi/db';

/** One product row as the export query selects it. */
export interface ExportRow {
  id: number;
  code: string;
  name: string;
  created_at: Date;
  main_image_key: string | null;
  attribute_name: string | null;
  seller_name: string;
  price: number;
  discount_rate: number;
  discount_starts_at: Date | null;
  discount_ends_at: Date | null;
  is_on_sale: boolean;
  is_displayed: boolean;
}

export interface ExportColumn {
  header: string;
  width: number;
}

/** The sheet's columns in API.md's order; widths in Excel character units. */
export const EXPORT_COLUMNS: readonly ExportColumn[] = [
  { header: '등록일', width: 18 },
  { header: '대표이미지', width: 60 },
  { header: '상품명', width: 40 },
  { header: '상품코드', width: 16 },
  { header: '상품번호', width: 10 },
  { header: '셀러속성', width: 14 },
  { header: '셀러명', width: 20 },
  { header: '판매가', width: 12 },
  { header: '할인가', width: 12 },
  { header: '판매여부', width: 10 },
  { header: '진열여부', width: 10 },
  { header: '할인여부', width: 10 },
];

const KST_OFFSET_MS = 9 * 60 * 60 * 1000;

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * `YYYY-MM-DD HH:mm` in Asia/Seoul: text, so every spreadsheet app shows the same wall-clock time. Built from
 * the fields rather than toISOString() because it runs once per exported row.
 */
export function formatKstMinute(at: Date): string {
  const kst = new Date(at.getTime() + KST_OFFSET_MS);
  return `${kst.getUTCFullYear()}-${pad2(kst.getUTCMonth() + 1)}-${pad2(kst.getUTCDate())} ${pad2(kst.getUTCHours())}:${pad2(kst.getUTCMinutes())}`;
}

/** The cells of one product, in EXPORT_COLUMNS order; prices stay numbers so they sum and sort. */
export function toExportCells(row: ExportRow, now: Date, imageUrl: (key: string) => string): (string | number)[] {
  const { discountedPrice, isDiscounted } = effectivePrice(row, now);
  return [
    formatKstMinute(row.created_at),
    row.main_image_key === null ? '' : imageUrl(row.main_image_key),
    row.name,
    row.code,
    row.id,
    row.attribute_name ?? '',
    row.seller_name,
    row.price,
    discountedPrice,
    row.is_on_sale ? '판매' : '미판매',
    row.is_displayed ? '진열' : '미진열',
    isDiscounted ? '할인' : '미할인',
  ];
}
