import { withTransactionRetry } from '@brandi/db';
import { NotFoundError } from '@brandi/errors';
import { transitionItem, type TransitionItemInput } from '@brandi/orders';
import { BEARER_SECURITY, catalogChanges, errorResponses, NoQuery } from '@brandi/http';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { findOrderDetail } from '../orders/order-detail.js';
import { OrderDetail } from '../orders/schemas.js';
import { findOrderReasons } from './order-reasons.repository.js';
import { CancelBody, ConfirmBody, ItemParams, OrderReasons, RefundRequestBody } from './schemas.js';

type Move = Pick<TransitionItemInput, 'to' | 'reasonId' | 'detail'>;

const MOVE_ERRORS = errorResponses(400, 401, 404, 409, 500, 503);

export const orderItemRoutes: FastifyPluginAsyncTypebox = async (app) => {
  /**
   * One shopper move under the item's row lock (ownership and the current status are checked there; another
   * shopper's item is 404), then the order as GET /me/orders/:id shows it.
   */
  async function moveOwnItem(request: FastifyRequest<{ Params: { id: number } }>, move: Move) {
    const shopperId = request.viewer!.shopperId;
    const result = await withTransactionRetry(app.db, (trx) =>
      transitionItem(trx, {
        ...move,
        itemId: request.params.id,
        actor: { kind: 'shopper', id: shopperId },
        owner: { shopperId },
        now: app.now(),
      }),
    );
    // Stock and sales count show on the product page.
    if (result.to === 'cancelled') await app.cache.invalidate(catalogChanges.productPage(result.productId));
    const order = await findOrderDetail(app.db, app.store, shopperId, result.orderId);
    if (!order) throw new NotFoundError('Order');
    return order;
  }

  app.get(
    '/order-reasons',
    {
      config: { reads: 'replica' },
      schema: {
        operationId: 'listOrderReasons',
        tags: ['orders'],
        summary: 'Cancel and refund reasons (ids to send with a cancel or refund request)',
        querystring: NoQuery,
        response: { 200: OrderReasons, ...errorResponses(400, 401, 500, 503) },
      },
    },
    (request) => findOrderReasons(request.readDb),
  );

  app.post(
    '/me/order-items/:id/cancel',
    {
      config: { auth: 'required' },
      schema: {
        operationId: 'cancelMyOrderItem',
        tags: ['orders'],
        summary: 'Cancel an item of yours while it is paid (later: 409 ILLEGAL_TRANSITION, ask the seller)',
        description:
          "Puts managed stock back; refunds the line total, and the shipping fee once all of that seller's items are cancelled or refunded.",
        security: BEARER_SECURITY,
        params: ItemParams,
        querystring: NoQuery,
        body: CancelBody,
        response: { 200: OrderDetail, ...MOVE_ERRORS },
      },
    },
    (request) => moveOwnItem(request, { to: 'cancelled', reasonId: request.body.reasonId }),
  );

  app.post(
    '/me/order-items/:id/refund-request',
    {
      config: { auth: 'required' },
      schema: {
        operationId: 'requestRefund',
        tags: ['orders'],
        summary: 'Ask for a refund of a delivered item (before it is confirmed)',
        security: BEARER_SECURITY,
        params: ItemParams,
        querystring: NoQuery,
        body: RefundRequestBody,
        response: { 200: OrderDetail, ...MOVE_ERRORS },
      },
    },
    (request) => moveOwnItem(request, { to: 'refund_requested', reasonId: request.body.reasonId, detail: request.body.detail }),
  );

  app.post(
    '/me/order-items/:id/confirm',
    {
      config: { auth: 'required' },
      // The move carries nothing: an omitted body is the empty one.
      preValidation: async (request) => {
        request.body ??= {};
      },
      schema: {
        operationId: 'confirmPurchase',
        tags: ['orders'],
        summary: 'Confirm the purchase of a delivered item (final)',
        security: BEARER_SECURITY,
        params: ItemParams,
        querystring: NoQuery,
        body: ConfirmBody,
        response: { 200: OrderDetail, ...MOVE_ERRORS },
      },
    },
    (request) => moveOwnItem(request, { to: 'confirmed' }),
  );
};
