import type { FieldChange, Seller, SellerUpdate } from '@brandi/db';
import type { SellerPatchBody } from './schemas.js';

/** API field → sellers column, for every field PATCH /sellers/:id may change. */
export const PATCHABLE_COLUMNS = {
  nameKo: 'name_ko',
  nameEn: 'name_en',
  csPhone: 'cs_phone',
  siteUrl: 'site_url',
  managerName: 'manager_name',
  managerPhone: 'manager_phone',
  managerEmail: 'manager_email',
  imageUrl: 'image_url',
  simpleDescription: 'simple_description',
  status: 'status',
} as const satisfies Record<keyof SellerPatchBody, keyof Seller>;

export type SellerSnapshot = Record<string, unknown>;

/** What seller line history keeps of a version: the profile, never the password hash. */
export function toSellerSnapshot(seller: Seller): SellerSnapshot {
  return {
    loginId: seller.login_id,
    role: seller.role,
    status: seller.status,
    attributeId: seller.attribute_id,
    nameKo: seller.name_ko,
    nameEn: seller.name_en,
    csPhone: seller.cs_phone,
    siteUrl: seller.site_url,
    managerName: seller.manager_name,
    managerPhone: seller.manager_phone,
    managerEmail: seller.manager_email,
    imageUrl: seller.image_url,
    simpleDescription: seller.simple_description,
  };
}

/** The columns to update and the changes to record: only fields whose value actually differs. */
export function diffSellerPatch(seller: Seller, body: SellerPatchBody): { update: SellerUpdate; changes: FieldChange[] } {
  const update: Record<string, unknown> = {};
  const changes: FieldChange[] = [];
  for (const [field, column] of Object.entries(PATCHABLE_COLUMNS)) {
    const after = body[field as keyof SellerPatchBody];
    if (after === undefined) continue;
    const before = seller[column];
    if (before === after) continue;
    update[column] = after;
    changes.push({ field, before, after });
  }
  return { update: update as SellerUpdate, changes };
}

/** Version 1's changes: every field of the baseline with `before: null`, like a product's first version. */
export function baselineChanges(snapshot: SellerSnapshot): FieldChange[] {
  return Object.entries(snapshot).map(([field, after]) => ({ field, before: null, after }));
}
