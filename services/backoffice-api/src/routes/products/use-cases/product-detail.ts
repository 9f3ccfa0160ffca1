import { findRevisionValidAt, loadProductSnapshot, type Database, type ProductSnapshot } from '@brandi/db';
import { NotFoundError } from '@brandi/errors';
import type { ObjectStore } from '@brandi/storage';
import type { Kysely } from 'kysely';
import type { Actor } from '../../../types.js';
import { toProductDetail } from './products.present.js';
import { findCategoryNames, findProductHeader, findSellerName, type ProductHeader } from '../sql/products.repository.js';
import type { ProductDetail } from '../routes/schemas.js';

type Executor = Kysely<Database>;

/**
 * GET /products/:id: the live product (deleted ones are 404). POST and PATCH answer with it too, read through the
 * pool after their transaction has committed (a new read sees the committed write), so no caller passes a `trx`.
 */
export async function loadProductDetail(db: Executor, store: ObjectStore, actor: Actor, id: number): Promise<ProductDetail> {
  const header = await findProductHeader(db, actor, id);
  const snapshot = header && (await loadProductSnapshot(db, id));
  if (!header || !snapshot) throw new NotFoundError('Product');
  return presentSnapshot(db, store, snapshot, { version: header.version, registeredAt: header.created_at, updatedAt: header.updated_at });
}

/** A revision's snapshot in the GET /products/:id shape; `updatedAt` is when that version became valid. */
export async function presentRevision(
  db: Executor,
  store: ObjectStore,
  header: ProductHeader,
  revision: { version: number; valid_from: Date; snapshot: Record<string, unknown> },
): Promise<ProductDetail> {
  return presentSnapshot(db, store, revision.snapshot as unknown as ProductSnapshot, {
    version: revision.version,
    registeredAt: header.created_at,
    updatedAt: revision.valid_from,
  });
}

/** GET /products/:id?at=: the version valid at `at` (history outlives a delete). */
export async function loadProductDetailAt(db: Executor, store: ObjectStore, actor: Actor, id: number, at: Date): Promise<ProductDetail> {
  const header = await findProductHeader(db, actor, id, { includeDeleted: true });
  const revision = header && (await findRevisionValidAt(db, id, at));
  if (!header || !revision) throw new NotFoundError('Product version');
  return presentRevision(db, store, header, revision);
}

async function presentSnapshot(
  db: Executor,
  store: ObjectStore,
  snapshot: ProductSnapshot,
  times: { version: number; registeredAt: Date; updatedAt: Date },
): Promise<ProductDetail> {
  const [categories, sellerName] = await Promise.all([
    findCategoryNames(db, { main: snapshot.mainCategoryId, first: snapshot.firstCategoryId, second: snapshot.secondCategoryId }),
    findSellerName(db, snapshot.sellerId),
  ]);
  return toProductDetail(snapshot, { ...times, categories, sellerName }, (key) => store.publicUrl(key));
}
