import { BEARER_SECURITY, catalogChanges, errorResponses } from '@brandi/http';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { checkImages } from '../upload/images.js';
import { ImageOrder, PatchJsonBody, ProductPatch } from './input.schemas.js';
import { authorizeProductChange, deleteProduct, modifyProduct, type ProductChange } from '../use-cases/modify.js';
import { maxFormBytes, multipartLimits, readProductForm } from '../upload/multipart.js';
import { documentOnlyMultipart, NewProductForm, ProductChangeForm } from './multipart-docs.js';
import { loadProductDetail } from '../use-cases/product-detail.js';
import { parseJsonField, rethrowDuplicateEntry } from '../use-cases/product-rules.js';
import { imageRules, registerProduct, type WriteDeps } from '../use-cases/register.js';
import { IfMatchHeaders, IfMatchRequiredHeaders, NoContent, NoQuery, ProductDetail, ProductParams } from './schemas.js';
import { stopReadingAfterEarlyAnswer } from '../upload/unread-body.js';
import { assertCanWriteProducts, parseIfMatch, requireIfMatch } from '../use-cases/write-guards.js';

/** Register, modify and delete products; multipart parsing exists only in this scope. */
export const productWriteRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(multipart, { limits: multipartLimits(app.config.UPLOAD_MAX_BYTES) });
  const maxBodyBytes = maxFormBytes(app.config.UPLOAD_MAX_BYTES);
  stopReadingAfterEarlyAnswer(app);

  const depsFor = (request: FastifyRequest): WriteDeps => ({
    db: app.db,
    store: app.store,
    logger: request.log,
    config: app.config,
    now: app.now(),
  });

  app.post(
    '/products',
    {
      validatorCompiler: documentOnlyMultipart,
      schema: {
        operationId: 'registerProduct',
        tags: ['products'],
        summary: 'Register a product with 1-5 images',
        description:
          'An admin names the seller with `sellerId` inside `product`. Nothing is stored when any part is rejected (400/413/415). A seller that may not write products is 403 before any part is read; the whole form may not pass 5 × UPLOAD_MAX_BYTES + 2 MiB + 64 KiB (413).',
        security: BEARER_SECURITY,
        querystring: NoQuery,
        body: { content: { 'multipart/form-data': { schema: NewProductForm } } },
        response: { 201: ProductDetail, ...errorResponses(400, 401, 403, 413, 415, 500, 503) },
      },
    },
    async (request, reply) => {
      assertCanWriteProducts(request.actor);
      const form = await readProductForm(request, ['product'], maxBodyBytes);
      const { id, path } = await registerProduct(depsFor(request), request.actor, form).catch(rethrowDuplicateEntry);
      await app.catalogCache.invalidate(catalogChanges.product(id, [path]));
      return reply.code(201).send(await loadProductDetail(app.db, app.store, request.actor, id, app.now()));
    },
  );

  app.patch(
    '/products/:id',
    {
      validatorCompiler: documentOnlyMultipart,
      schema: {
        operationId: 'updateProduct',
        tags: ['products'],
        summary: 'Change any fields, options and images of a product (If-Match: <version> required)',
        description:
          'multipart/form-data with `product`, `imageOrder` (the final image list: existing ids as {"id": 12}, new files as {"file": 0}) and files `images`; when no file is added, a JSON body {product, imageOrder} works too. A stale If-Match is 409 and changes nothing. Who may change the product (403/404) and its version (409) are checked before any part of a form is read; the form is capped as for POST (413).',
        security: BEARER_SECURITY,
        params: ProductParams,
        querystring: NoQuery,
        headers: IfMatchRequiredHeaders,
        body: { content: { 'application/json': { schema: PatchJsonBody }, 'multipart/form-data': { schema: ProductChangeForm } } },
        response: { 200: ProductDetail, ...errorResponses(400, 401, 403, 404, 409, 413, 415, 428, 500, 503) },
      },
    },
    async (request) => {
      const expectedVersion = requireIfMatch(request.headers['if-match']);
      let change: ProductChange;
      if (request.isMultipart()) {
        // Who may change this product, and whether the client saw its current version, before any part is read.
        await authorizeProductChange(app.db, request.actor, request.params.id, expectedVersion);
        change = await readMultipartChange(request, app.config, maxBodyBytes);
      } else {
        change = jsonChange(request.body as PatchJsonBody | undefined);
      }
      const { id } = request.params;
      const paths = await modifyProduct(depsFor(request), request.actor, id, expectedVersion, change).catch(rethrowDuplicateEntry);
      await app.catalogCache.invalidate(catalogChanges.product(id, paths));
      return loadProductDetail(app.db, app.store, request.actor, request.params.id, app.now());
    },
  );

  app.delete(
    '/products/:id',
    {
      schema: {
        operationId: 'deleteProduct',
        tags: ['products'],
        summary: 'Soft-delete a product (hidden everywhere, kept in history); If-Match is optional',
        security: BEARER_SECURITY,
        params: ProductParams,
        querystring: NoQuery,
        headers: IfMatchHeaders,
        response: { 204: NoContent, ...errorResponses(400, 401, 403, 404, 409, 500, 503) },
      },
    },
    async (request, reply) => {
      const paths = await deleteProduct(depsFor(request), request.actor, request.params.id, parseIfMatch(request.headers['if-match']));
      await app.catalogCache.invalidate(catalogChanges.product(request.params.id, paths));
      return reply.code(204).send(null);
    },
  );
};

async function readMultipartChange(request: FastifyRequest, config: WriteDeps['config'], maxBodyBytes: number): Promise<ProductChange> {
  const form = await readProductForm(request, ['product', 'imageOrder'], maxBodyBytes);
  const product = form.fields.get('product');
  const order = form.fields.get('imageOrder');
  return {
    product: product === undefined ? {} : parseJsonField<ProductPatch>(product, ProductPatch, 'product'),
    imageOrder: order === undefined ? undefined : parseJsonField<ImageOrder>(order, ImageOrder, 'imageOrder'),
    images: await checkImages(form.files, imageRules(config)),
  };
}

function jsonChange(body: PatchJsonBody | undefined): ProductChange {
  return { product: body?.product ?? {}, imageOrder: body?.imageOrder, images: [] };
}
