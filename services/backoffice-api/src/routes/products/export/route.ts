import { PassThrough, type Readable } from 'node:stream';
import { BEARER_SECURITY, errorResponses, IdList, parseIdList, withResponseHeaders } from '@brandi/http';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import Type from 'typebox';
import { EXPORT_COLUMNS, toExportCells, type ExportRow } from './columns.js';
import { exportDisposition } from './disposition.js';
import { EXPORT_BATCH_ROWS, readExportBatches, readFirstExportBatch } from './rows.js';
import { ExportAborted, writeWorkbook, XLSX_CONTENT_TYPE } from './workbook.js';
import { ProductFilterQuery } from '../routes/filter-query.js';
import { planProductRead } from '../sql/read-plan.js';

export const ExportQuery = Type.Object({
  ...ProductFilterQuery.properties,
  ids: Type.Optional({
    ...IdList,
    description: 'Only these products (combined with any other filter); ids outside your scope are skipped',
  }),
});

const XlsxFile = withResponseHeaders(
  {
    description: 'An .xlsx workbook, streamed',
    // Documented as binary; typed as the stream Fastify pipes out unserialized.
    content: { [XLSX_CONTENT_TYPE]: { schema: Type.Unsafe<Readable>(Type.String({ format: 'binary' })) } },
  },
  {
    'Content-Disposition': {
      description:
        'attachment; filename="products_YYYYMMDD_HHmm.xlsx" (Asia/Seoul time) and filename* with the Korean name 상품목록_YYYYMMDD_HHmm.xlsx (RFC 5987)',
      schema: Type.String(),
    },
    'Cache-Control': { description: 'no-store', schema: Type.String() },
  },
);

const MAX_IDS = 10_000;

/** The headers of an export, for GET and HEAD alike. */
function exportHeaders(reply: FastifyReply, now: Date): FastifyReply {
  return reply
    .header('content-type', XLSX_CONTENT_TYPE)
    .header('content-disposition', exportDisposition(now))
    .header('cache-control', 'no-store');
}

export const productExportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/products/export',
    {
      // Fastify's automatic HEAD would run this handler, export queries included, and drop the body.
      exposeHeadRoute: false,
      config: { reads: 'replica' },
      schema: {
        operationId: 'exportProducts',
        tags: ['products'],
        summary: 'Download the filtered products (or ?ids=) as an .xlsx file, streamed from the database',
        security: BEARER_SECURITY,
        querystring: ExportQuery,
        response: { 200: XlsxFile, ...errorResponses(400, 401, 500, 503) },
      },
    },
    async (request, reply) => {
      const { ids, ...query } = request.query;
      const now = app.now();
      const idList = ids === undefined ? undefined : parseIdList(ids, 'ids', MAX_IDS);
      const scope = { actor: request.actor, now };
      const { read, accessPath } = await planProductRead(request.readDb, query, scope, { purpose: 'export', rows: EXPORT_BATCH_ROWS });
      const selection = { ...scope, filters: read.filters, ids: idList, path: accessPath };
      // Read before any header goes out, so a failing database still answers 503 as JSON.
      const first = await readFirstExportBatch(request.readDb, selection);
      const batches = readExportBatches(request.readDb, selection, first);

      const output = new PassThrough();
      // Fastify destroys `output` when the client goes away; this covers a close before piping starts too.
      reply.raw.once('close', () => {
        if (!reply.raw.writableFinished) output.destroy();
      });
      const imageUrl = (key: string) => app.store.publicUrl(key);
      writeWorkbook(output, '상품', EXPORT_COLUMNS, batches, (row: ExportRow) => toExportCells(row, now, imageUrl)).then(
        (count) => request.log.info({ rows: count }, 'product export finished'),
        (err: unknown) => {
          if (err instanceof ExportAborted) request.log.info('product export abandoned by the client');
          else request.log.error({ err }, 'product export failed mid-stream');
          output.destroy();
        },
      );
      return exportHeaders(reply, now).send(output);
    },
  );

  // What a client or proxy asks before a download: the same checks (token, query) and headers, no export.
  // Fastify's swagger leaves HEAD routes out of the OpenAPI document.
  app.head(
    '/products/export',
    {
      schema: {
        tags: ['products'],
        summary: 'The headers of the export, without running it',
        security: BEARER_SECURITY,
        querystring: ExportQuery,
        response: { 200: { description: 'The export headers, no body' }, ...errorResponses(400, 401, 500, 503) },
      },
    },
    async (request, reply) => {
      if (request.query.ids !== undefined) parseIdList(request.query.ids, 'ids', MAX_IDS);
      return exportHeaders(reply, app.now()).send();
    },
  );
};
