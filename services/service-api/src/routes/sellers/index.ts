import { errorResponses, NoQuery, notFound, offsetPage, pageWindow } from '@brandi/http';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { buildSellerListQuery, countSellers, findActiveSeller, type SellerRow } from './sellers.repository.js';
import { SellerDetail, type SellerListItem, SellerListQuery, SellerListResponse, SellerParams } from './schemas.js';

function toSellerListItem(row: SellerRow): SellerListItem {
  return {
    id: row.id,
    name: row.name_ko,
    nameEn: row.name_en,
    imageUrl: row.image_url,
    attribute: { id: row.attribute_id, name: row.attribute_name },
    productCount: Number(row.product_count ?? 0),
    salesCount: row.sales_count,
  };
}

function toSellerDetail(row: SellerRow): SellerDetail {
  return { ...toSellerListItem(row), simpleDescription: row.simple_description, siteUrl: row.site_url };
}

export const sellerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/sellers',
    {
      config: { reads: 'replica' },
      schema: {
        operationId: 'listSellers',
        tags: ['sellers'],
        summary: 'Active sellers (shops and brands), offset-paged',
        querystring: SellerListQuery,
        response: { 200: SellerListResponse, ...errorResponses(400, 401, 500, 503) },
      },
    },
    async (request) => {
      const { group, q, sort = 'sales', ...paging } = request.query;
      const { page, limit, offset } = pageWindow(paging);
      const filter = { group, q };
      const [rows, total] = await Promise.all([
        buildSellerListQuery(request.readDb, filter, sort, { limit, offset }).execute(),
        countSellers(request.readDb, filter),
      ]);
      return offsetPage(rows.map(toSellerListItem), page, limit, total);
    },
  );

  app.get(
    '/sellers/:id',
    {
      config: { reads: 'replica' },
      schema: {
        operationId: 'getSeller',
        tags: ['sellers'],
        summary: 'One active seller',
        params: SellerParams,
        querystring: NoQuery,
        response: { 200: SellerDetail, ...errorResponses(400, 401, 404, 500, 503) },
      },
    },
    async (request) => {
      const row = await findActiveSeller(request.readDb, request.params.id);
      if (!row) throw notFound('Seller');
      return toSellerDetail(row);
    },
  );
};
