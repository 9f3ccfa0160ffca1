import { BEARER_SECURITY, errorResponses, notFound, offsetPage, pageWindow } from '@brandi/http';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { loadOrderItemDetail } from './detail.repository.js';
import { resolveOrderFilters } from './filters.js';
import { findOrderItemPage, summarizeStatuses } from './list.repository.js';
import { toOrderListItem } from './present.js';
import { Carriers, NoQuery, OrderItemDetail, OrderItemParams, OrderListQuery, OrderPage, OrderSummary } from './schemas.js';

/** The order desk's reads: the item list, the status tabs, one item with its history, the carriers. */
export const orderReadRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/orders',
    {
      config: { reads: 'replica' },
      schema: {
        operationId: 'listOrderItems',
        tags: ['orders'],
        summary: 'Order items of your products (all, for an admin), newest first, with filters and an exact total',
        security: BEARER_SECURITY,
        querystring: OrderListQuery,
        response: { 200: OrderPage, ...errorResponses(400, 401, 500, 503) },
      },
    },
    async (request) => {
      const { page: _page, limit: _limit, sort = 'newest', ...query } = request.query;
      const { page, limit, offset } = pageWindow(request.query);
      const filters = await resolveOrderFilters(request.readDb, request.actor, query);
      const { rows, total } = await findOrderItemPage(request.readDb, filters, sort, { limit, offset });
      return offsetPage(rows.map(toOrderListItem), page, limit, total);
    },
  );

  app.get(
    '/orders/summary',
    {
      config: { reads: 'replica' },
      schema: {
        operationId: 'getOrderSummary',
        tags: ['orders'],
        summary: 'Item counts per status in your scope (the desk tabs), from per-seller counters',
        security: BEARER_SECURITY,
        querystring: NoQuery,
        response: { 200: OrderSummary, ...errorResponses(400, 401, 500, 503) },
      },
    },
    async (request) => {
      const { actor } = request;
      const counts = await summarizeStatuses(request.readDb, actor.role === 'admin' ? undefined : actor.id);
      const n = (status: Parameters<typeof counts.get>[0]) => counts.get(status) ?? 0;
      return {
        paid: n('paid'),
        preparing: n('preparing'),
        shipping: n('shipping'),
        delivered: n('delivered'),
        confirmed: n('confirmed'),
        cancelled: n('cancelled'),
        refundRequested: n('refund_requested'),
        refunded: n('refunded'),
      };
    },
  );

  app.get(
    '/orders/items/:id',
    {
      schema: {
        operationId: 'getOrderItem',
        tags: ['orders'],
        summary: 'One order item with the shipping address, the orderer and its status history (newest first)',
        security: BEARER_SECURITY,
        params: OrderItemParams,
        querystring: NoQuery,
        response: { 200: OrderItemDetail, ...errorResponses(400, 401, 404, 500, 503) },
      },
    },
    async (request) => {
      const detail = await loadOrderItemDetail(app.db, request.actor, request.params.id);
      if (!detail) throw notFound('Order item');
      return detail;
    },
  );

  app.get(
    '/carriers',
    {
      schema: {
        operationId: 'listCarriers',
        tags: ['orders'],
        summary: 'The carriers a tracking number can name',
        security: BEARER_SECURITY,
        querystring: NoQuery,
        response: { 200: Carriers, ...errorResponses(400, 401, 500, 503) },
      },
    },
    async () => app.db.selectFrom('carriers').select(['id', 'name']).orderBy('id').execute(),
  );
};
