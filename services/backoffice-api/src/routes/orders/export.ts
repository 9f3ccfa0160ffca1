import { PassThrough, type Readable } from 'node:stream';
import { BEARER_SECURITY, errorResponses, parseIdList } from '@brandi/http';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { ExportAborted, writeWorkbook, XLSX_CONTENT_TYPE } from './export-engine.js';
import { ORDER_EXPORT_COLUMNS, readFirstOrderBatch, readOrderBatches, toOrderExportCells } from './export-rows.js';
import { resolveOrderFilters } from './filters.js';
import { OrderExportQuery } from './schemas.js';

const XlsxFile = {
  description: 'An .xlsx workbook, streamed',
  content: { [XLSX_CONTENT_TYPE]: { schema: Type.Unsafe<Readable>(Type.String({ format: 'binary' })) } },
};

const MAX_IDS = 10_000;
const KST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** `attachment` named `주문목록_YYYYMMDD_HHmm.xlsx` (KST), with an ASCII fallback, as the product export does. */
export function orderExportDisposition(now: Date): string {
  const iso = new Date(now.getTime() + KST_OFFSET_MS).toISOString();
  const stamp = `${iso.slice(0, 10).replaceAll('-', '')}_${iso.slice(11, 16).replace(':', '')}`;
  return `attachment; filename="orders_${stamp}.xlsx"; filename*=UTF-8''${encodeURIComponent(`주문목록_${stamp}.xlsx`)}`;
}

export const orderExportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/orders/export',
    {
      config: { reads: 'replica' },
      schema: {
        operationId: 'exportOrderItems',
        tags: ['orders'],
        summary: 'Download the filtered order items (or ?ids=) as an .xlsx file, streamed from the database',
        security: BEARER_SECURITY,
        querystring: OrderExportQuery,
        response: { 200: XlsxFile, ...errorResponses(400, 401, 500, 503) },
      },
    },
    async (request, reply) => {
      const { ids, ...query } = request.query;
      const now = app.now();
      const idList = ids === undefined ? undefined : parseIdList(ids, 'ids', MAX_IDS);
      const filters = await resolveOrderFilters(request.readDb, request.actor, query, idList);
      // Read before any header goes out, so a failing database still answers 503 as JSON.
      const first = await readFirstOrderBatch(request.readDb, filters);
      const batches = readOrderBatches(request.readDb, filters, first);

      const output = new PassThrough();
      reply.raw.once('close', () => {
        if (!reply.raw.writableFinished) output.destroy();
      });
      writeWorkbook(output, '주문', ORDER_EXPORT_COLUMNS, batches, toOrderExportCells).then(
        (count) => request.log.info({ rows: count }, 'order export finished'),
        (err: unknown) => {
          if (err instanceof ExportAborted) request.log.info('order export abandoned by the client');
          else request.log.error({ err }, 'order export failed mid-stream');
          output.destroy();
        },
      );
      return reply
        .header('content-type', XLSX_CONTENT_TYPE)
        .header('content-disposition', orderExportDisposition(now))
        .header('cache-control', 'no-store')
        .send(output);
    },
  );
};
