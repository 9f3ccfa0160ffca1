import { DomainError, ValidationError, type FieldProblem } from '@brandi/errors';
import { isLockConflict, withTransactionRetry, type Db } from '@brandi/db';
import {
  BEARER_SECURITY,
  type CatalogInvalidator,
  catalogChanges,
  domainErrorCode,
  errorResponses,
  forbidden,
  notFound,
} from '@brandi/http';
import { createMoveReferences, readReference, type MoveReferences, UNSOLD_STATUSES } from '@brandi/orders';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Actor } from '../../types.js';
import { loadOrderItemDetail } from './detail.repository.js';
import { correctShipping, moveItem, type DeskMove } from './moves.js';
import { OrderItemDetail, OrderItemParams, ShippingBody, TransitionBody, TransitionResults, type TransitionResult } from './schemas.js';

/** Sellers that are not active may read orders but not move them; admins always may. */
export function assertCanMoveOrders(actor: Actor): void {
  if (actor.role !== 'admin' && actor.status !== 'active') throw forbidden(`A ${actor.status} seller cannot move orders`);
}

/**
 * What `to` needs that the request lacks, for the whole request (400 before anything moves). A rejection
 * (refund_requested → delivered) is recognised by the items' current statuses. The carrier or reason read here
 * is kept in `references`, which every item's move then checks without reading it again.
 */
async function missingNeeds(db: Db, actor: Actor, move: DeskMove, itemIds: number[], references: MoveReferences): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  if (move.to === 'shipping') {
    if (move.carrierId === undefined) problems.push({ field: 'carrierId', message: 'is required to ship' });
    else if (!(await readReference(db, 'carrier', move.carrierId, references)))
      problems.push({ field: 'carrierId', message: 'is not a carrier' });
    if (move.trackingNo === undefined) problems.push({ field: 'trackingNo', message: 'is required to ship' });
  }
  if (move.to === 'cancelled') {
    if (move.reasonId === undefined) problems.push({ field: 'reasonId', message: 'is required to cancel' });
    else if (!(await readReference(db, 'cancelReason', move.reasonId, references)))
      problems.push({ field: 'reasonId', message: 'is not a cancel reason' });
  }
  if (move.to === 'delivered' && move.rejectReason === undefined) {
    let query = db.selectFrom('order_items').select('id').where('id', 'in', itemIds).where('status', '=', 'refund_requested');
    if (actor.role !== 'admin') query = query.where('seller_id', '=', actor.id);
    if (await query.executeTakeFirst()) problems.push({ field: 'rejectReason', message: 'is required to reject a refund request' });
  }
  return problems;
}

// Items moved side by side: each in its own transaction, so a few connections at once cut the wall time.
const PARALLEL_MOVES = 4;

async function moveOne(
  db: Db,
  cache: CatalogInvalidator,
  actor: Actor,
  itemId: number,
  move: DeskMove,
  now: Date,
  references: MoveReferences,
): Promise<TransitionResult> {
  try {
    const { status, productId } = await withTransactionRetry(db, (trx) => moveItem(trx, actor, itemId, move, now, references));
    // Stock given back and sales counts show on the shoppers' product page.
    if (UNSOLD_STATUSES.has(status)) await cache.invalidate(catalogChanges.productPage(productId));
    return { itemId, ok: true, status };
  } catch (err) {
    if (err instanceof DomainError) return { itemId, ok: false, error: { code: domainErrorCode(err), message: err.message } };
    if (isLockConflict(err)) return { itemId, ok: false, error: { code: 'CONFLICT', message: 'The item is busy; try again' } };
    throw err;
  }
}

export const orderTransitionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/orders/items/transition',
    {
      schema: {
        operationId: 'transitionOrderItems',
        tags: ['orders'],
        summary: 'Move 1–100 items to one status; each item in its own transaction, with a result per item',
        security: BEARER_SECURITY,
        body: TransitionBody,
        response: { 200: TransitionResults, ...errorResponses(400, 401, 403, 500, 503) },
      },
    },
    async (request) => {
      const { actor } = request;
      assertCanMoveOrders(actor);
      const { itemIds, ...move } = request.body;
      const references = createMoveReferences();
      const problems = await missingNeeds(app.db, actor, move, itemIds, references);
      if (problems.length > 0) throw new ValidationError(problems);
      const now = app.now();
      const results: TransitionResult[] = new Array(itemIds.length);
      let next = 0;
      const worker = async () => {
        for (let k = next++; k < itemIds.length; k = next++)
          results[k] = await moveOne(app.db, app.catalogCache, actor, itemIds[k], move, now, references);
      };
      await Promise.all(Array.from({ length: Math.min(PARALLEL_MOVES, itemIds.length) }, worker));
      return { results };
    },
  );

  app.patch(
    '/orders/items/:id/shipping',
    {
      schema: {
        operationId: 'correctShipping',
        tags: ['orders'],
        summary: 'Correct the carrier and tracking number of a shipping item; kept in its history',
        security: BEARER_SECURITY,
        params: OrderItemParams,
        body: ShippingBody,
        response: { 200: OrderItemDetail, ...errorResponses(400, 401, 403, 404, 409, 500, 503) },
      },
    },
    async (request) => {
      const { actor } = request;
      assertCanMoveOrders(actor);
      const { id } = request.params;
      if (!(await readReference(app.db, 'carrier', request.body.carrierId)))
        throw new ValidationError([{ field: 'carrierId', message: 'is not a carrier' }]);
      await withTransactionRetry(app.db, (trx) => correctShipping(trx, actor, id, request.body, app.now()));
      const detail = await loadOrderItemDetail(app.db, actor, id);
      if (!detail) throw notFound('Order item');
      return detail;
    },
  );
};
