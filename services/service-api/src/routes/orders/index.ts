import { NotFoundError } from '@brandi/errors';
import { BEARER_SECURITY, catalogChanges, errorResponses, NoQuery, everyRouteAuth } from '@brandi/http';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { findLineFacts } from '../cart/line-facts.repository.js';
import { priceLines, toCartView } from '../cart/priced-lines.js';
import { CartView } from '../cart/schemas.js';
import { placeOrder } from './checkout.js';
import { decodeOrderCursor, findMyOrderPage } from './my-orders.js';
import { OptionGate } from './option-gate.js';
import { findOrderDetail } from './order-detail.js';
import { IdParams, MyOrdersPage, MyOrdersQuery, OrderDetail, PlaceOrderBody, PlaceOrderHeaders, QuoteBody } from './schemas.js';

const tags = ['orders'];

export const orderRoutes: FastifyPluginAsyncTypebox = async (app) => {
  everyRouteAuth(app, 'required');
  const gate = new OptionGate();

  app.post(
    '/orders/quote',
    {
      schema: {
        operationId: 'quoteOrder',
        tags,
        summary: 'Price these lines now, as the cart shows them (nothing is stored)',
        security: BEARER_SECURITY,
        querystring: NoQuery,
        body: QuoteBody,
        response: { 200: CartView, ...errorResponses(400, 401, 404, 500, 503) },
      },
    },
    async (request) => {
      const lines = request.body.items;
      const facts = await findLineFacts(
        app.db,
        lines.map((l) => l.optionId),
      );
      const missing = lines.findIndex((l) => !facts.has(l.optionId));
      if (missing >= 0) throw new NotFoundError(`Option ${lines[missing].optionId}`);
      return toCartView(priceLines(lines, facts, app.now()), app.store);
    },
  );

  app.post(
    '/orders',
    {
      schema: {
        operationId: 'placeOrder',
        tags,
        summary: 'Place an order (paid at once). Checked in order: body 400, NOT_PURCHASABLE, OUT_OF_STOCK, PRICE_CHANGED',
        description:
          'Idempotent per shopper and Idempotency-Key for 24 h: the same key and body answer the first 201 and place nothing; ' +
          'another body is 409 IDEMPOTENCY_KEY_REUSED. A failed checkout (400, 409) is answered alike on a retry of its key; ' +
          'only a transient failure (a lock conflict, 5xx) leaves the key free.',
        security: BEARER_SECURITY,
        headers: PlaceOrderHeaders,
        querystring: NoQuery,
        body: PlaceOrderBody,
        response: { 201: OrderDetail, ...errorResponses(400, 401, 409, 500, 503) },
      },
    },
    async (request, reply) => {
      const deps = { db: app.db, store: app.store, now: app.now, payments: app.payments, gate };
      const key = request.headers['idempotency-key'];
      const { status, body } = await placeOrder(deps, request.viewer!.shopperId, key, request.body);
      if (status === 201) {
        // Stock and sales counts show on the product pages: their cached copies go, on every instance with Redis.
        const productIds = new Set((body as OrderDetail).items.map((item) => item.product.id));
        await app.cache.invalidate([...productIds].flatMap((id) => catalogChanges.productPage(id)));
      }
      // The 201 of a placed order, or the stored error envelope of a failed checkout replayed (400, 409).
      return reply.code(status as 201).send(body as OrderDetail);
    },
  );

  app.get(
    '/me/orders',
    {
      schema: {
        operationId: 'listMyOrders',
        tags,
        summary: 'Your orders, newest first (status: orders with an item in that status)',
        security: BEARER_SECURITY,
        querystring: MyOrdersQuery,
        response: { 200: MyOrdersPage, ...errorResponses(400, 401, 500, 503) },
      },
    },
    async (request) => {
      const { limit = 20, cursor, status } = request.query;
      return findMyOrderPage(app.db, app.store, request.viewer!.shopperId, {
        limit,
        cursor: cursor === undefined ? undefined : decodeOrderCursor(cursor),
        status,
      });
    },
  );

  app.get(
    '/me/orders/:id',
    {
      schema: {
        operationId: 'getMyOrder',
        tags,
        summary: 'One of your orders (another shopper’s is 404)',
        security: BEARER_SECURITY,
        params: IdParams,
        querystring: NoQuery,
        response: { 200: OrderDetail, ...errorResponses(400, 401, 404, 500, 503) },
      },
    },
    async (request) => {
      const order = await findOrderDetail(app.db, app.store, request.viewer!.shopperId, request.params.id);
      if (!order) throw new NotFoundError('Order');
      return order;
    },
  );
};
