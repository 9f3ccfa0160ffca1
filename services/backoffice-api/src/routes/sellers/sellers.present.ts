import type { findSellerPage, SellerProfileRow } from './sellers.repository.js';
import type { findSellerRevisions } from './seller-revisions.repository.js';
import type { SellerHistory, SellerListItem, SellerProfile } from './schemas.js';

type SellerPageRow = Awaited<ReturnType<typeof findSellerPage>>[number];
type RevisionRow = Awaited<ReturnType<typeof findSellerRevisions>>[number];

const attributeOf = (id: number | null, name: string | null) => (id === null || name === null ? null : { id, name });

export function toSellerListItem(row: SellerPageRow): SellerListItem {
  return {
    id: row.id,
    loginId: row.login_id,
    nameKo: row.name_ko,
    nameEn: row.name_en,
    attribute: attributeOf(row.attribute_id, row.attribute_name),
    status: row.status,
    managerName: row.manager_name,
    managerPhone: row.manager_phone,
    managerEmail: row.manager_email,
    productCount: Number(row.product_count),
    registeredAt: row.created_at.toISOString(),
  };
}

export function toSellerProfile(row: SellerProfileRow): SellerProfile {
  return {
    id: row.id,
    loginId: row.login_id,
    role: row.role,
    status: row.status,
    attribute: attributeOf(row.attribute_id, row.attribute_name),
    nameKo: row.name_ko,
    nameEn: row.name_en,
    csPhone: row.cs_phone,
    siteUrl: row.site_url,
    managerName: row.manager_name,
    managerPhone: row.manager_phone,
    managerEmail: row.manager_email,
    imageUrl: row.image_url,
    simpleDescription: row.simple_description,
    productCount: Number(row.product_count),
    salesCount: row.sales_count,
    version: row.version,
    registeredAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function toSellerHistory(rows: RevisionRow[]): SellerHistory {
  return rows.map((row) => ({
    version: row.version,
    validFrom: row.valid_from.toISOString(),
    validTo: row.valid_to === null ? null : row.valid_to.toISOString(),
    changedBy: row.changer_id === null ? null : { id: row.changer_id, nameKo: row.changer_name!, role: row.changer_role! },
    changes: row.changes,
  }));
}
