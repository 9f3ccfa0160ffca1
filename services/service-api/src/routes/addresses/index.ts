import { ConflictError, NotFoundError, ValidationError } from '@brandi/errors';
import { BEARER_SECURITY, errorResponses, NoQuery, everyRouteAuth } from '@brandi/http';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { findAddress, findAddresses, lockShopper, MAX_ADDRESSES, toAddress, unsetDefault } from './addresses.repository.js';
import { Address, AddressList, AddressPatchBody, IdParams, NewAddressBody, NoContent } from './schemas.js';

const tags = ['addresses'];

/** A shopper's shipping addresses: at most 5, exactly one default while any exist. */
export const addressRoutes: FastifyPluginAsyncTypebox = async (app) => {
  everyRouteAuth(app, 'required');

  app.get(
    '/me/addresses',
    {
      schema: {
        operationId: 'listMyAddresses',
        tags,
        summary: 'Your addresses, the default first',
        security: BEARER_SECURITY,
        querystring: NoQuery,
        response: { 200: AddressList, ...errorResponses(400, 401, 500, 503) },
      },
    },
    async (request) => (await findAddresses(app.db, request.viewer!.shopperId)).map(toAddress),
  );

  app.post(
    '/me/addresses',
    {
      schema: {
        operationId: 'createAddress',
        tags,
        summary: `Add an address (at most ${MAX_ADDRESSES}; the first one, or one marked isDefault, becomes the default)`,
        security: BEARER_SECURITY,
        querystring: NoQuery,
        body: NewAddressBody,
        response: { 201: Address, ...errorResponses(400, 401, 409, 500, 503) },
      },
    },
    async (request, reply) => {
      const shopperId = request.viewer!.shopperId;
      const { isDefault, zipCode, ...fields } = request.body;
      const row = await app.db.transaction().execute(async (trx) => {
        await lockShopper(trx, shopperId);
        const existing = await findAddresses(trx, shopperId);
        if (existing.length >= MAX_ADDRESSES) throw new ConflictError(`You can keep at most ${MAX_ADDRESSES} addresses`);
        const makeDefault = existing.length === 0 || isDefault === true;
        if (makeDefault) await unsetDefault(trx, shopperId);
        const result = await trx
          .insertInto('addresses')
          .values({ shopper_id: shopperId, ...fields, zip_code: zipCode, is_default: makeDefault, created_at: app.now() })
          .executeTakeFirstOrThrow();
        return (await findAddress(trx, shopperId, Number(result.insertId)))!;
      });
      return reply.code(201).send(toAddress(row));
    },
  );

  app.patch(
    '/me/addresses/:id',
    {
      schema: {
        operationId: 'updateAddress',
        tags,
        summary: 'Change one of your addresses (isDefault: true makes it the default)',
        security: BEARER_SECURITY,
        params: IdParams,
        querystring: NoQuery,
        body: AddressPatchBody,
        response: { 200: Address, ...errorResponses(400, 401, 404, 500, 503) },
      },
    },
    async (request) => {
      const shopperId = request.viewer!.shopperId;
      const { isDefault, zipCode, ...fields } = request.body;
      const row = await app.db.transaction().execute(async (trx) => {
        await lockShopper(trx, shopperId);
        const address = await findAddress(trx, shopperId, request.params.id);
        if (!address) throw new NotFoundError('Address');
        if (isDefault) await unsetDefault(trx, shopperId);
        const changes = { ...fields, ...(zipCode === undefined ? {} : { zip_code: zipCode }), ...(isDefault ? { is_default: true } : {}) };
        if (Object.keys(changes).length === 0) throw new ValidationError([{ field: 'body', message: 'names nothing to change' }]);
        await trx.updateTable('addresses').set(changes).where('id', '=', address.id).execute();
        return (await findAddress(trx, shopperId, address.id))!;
      });
      return toAddress(row);
    },
  );

  app.delete(
    '/me/addresses/:id',
    {
      schema: {
        operationId: 'deleteAddress',
        tags,
        summary: 'Delete one of your addresses (deleting the default makes the newest remaining one the default)',
        security: BEARER_SECURITY,
        params: IdParams,
        querystring: NoQuery,
        response: { 204: NoContent, ...errorResponses(400, 401, 404, 500, 503) },
      },
    },
    async (request, reply) => {
      const shopperId = request.viewer!.shopperId;
      await app.db.transaction().execute(async (trx) => {
        await lockShopper(trx, shopperId);
        const address = await findAddress(trx, shopperId, request.params.id);
        if (!address) throw new NotFoundError('Address');
        await trx.deleteFrom('addresses').where('id', '=', address.id).execute();
        if (!address.is_default) return;
        const [newest] = await findAddresses(trx, shopperId);
        if (newest) await trx.updateTable('addresses').set({ is_default: true }).where('id', '=', newest.id).execute();
      });
      return reply.code(204).send(null);
    },
  );
};
