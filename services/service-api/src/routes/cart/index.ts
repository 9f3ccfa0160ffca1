import { ConflictError, NotFoundError } from '@brandi/errors';
import { BEARER_SECURITY, errorResponses, NoQuery, everyRouteAuth } from '@brandi/http';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { lockShopper } from '../addresses/addresses.repository.js';
import { findLineFacts } from './line-facts.repository.js';
import { priceLines, toCartView } from './priced-lines.js';
import { CartQuantityBody, CartView, OptionParams } from './schemas.js';

export const MAX_CART_LINES = 50;
const tags = ['cart'];

/** The caller's cart, priced now; lines whose option no longer exists are not shown. */
export const cartRoutes: FastifyPluginAsyncTypebox = async (app) => {
  everyRouteAuth(app, 'required');

  async function cartOf(shopperId: number): Promise<CartView> {
    const lines = await app.db
      .selectFrom('cart_lines')
      .select(['option_id as optionId', 'quantity'])
      .where('shopper_id', '=', shopperId)
      .orderBy('created_at')
      .orderBy('option_id')
      .limit(MAX_CART_LINES)
      .execute();
    const facts = await findLineFacts(
      app.db,
      lines.map((l) => l.optionId),
    );
    return toCartView(priceLines(lines, facts, app.now()), app.store);
  }

  app.get(
    '/me/cart',
    {
      schema: {
        operationId: 'getMyCart',
        tags,
        summary: 'Your cart, priced now (lines with a problem are left out of the totals)',
        security: BEARER_SECURITY,
        querystring: NoQuery,
        response: { 200: CartView, ...errorResponses(400, 401, 500, 503) },
      },
    },
    (request) => cartOf(request.viewer!.shopperId),
  );

  app.put(
    '/me/cart/items/:optionId',
    {
      schema: {
        operationId: 'setCartItem',
        tags,
        summary: `Set a line's quantity, adding the line if absent (at most ${MAX_CART_LINES} lines)`,
        security: BEARER_SECURITY,
        params: OptionParams,
        querystring: NoQuery,
        body: CartQuantityBody,
        response: { 200: CartView, ...errorResponses(400, 401, 404, 409, 500, 503) },
      },
    },
    async (request) => {
      const shopperId = request.viewer!.shopperId;
      const { optionId } = request.params;
      const facts = (await findLineFacts(app.db, [optionId])).get(optionId);
      // Only what a shopper can see can be added; a line already there may later become not purchasable.
      if (!facts || facts.deleted_at !== null || !facts.is_displayed || facts.seller_status !== 'active') throw new NotFoundError('Option');
      const now = app.now();
      await app.db.transaction().execute(async (trx) => {
        await lockShopper(trx, shopperId);
        const existing = await trx
          .selectFrom('cart_lines')
          .select('option_id')
          .where('shopper_id', '=', shopperId)
          .where('option_id', '=', optionId)
          .executeTakeFirst();
        if (existing) {
          await trx
            .updateTable('cart_lines')
            .set({ quantity: request.body.quantity, updated_at: now })
            .where('shopper_id', '=', shopperId)
            .where('option_id', '=', optionId)
            .execute();
          return;
        }
        const { count } = await trx
          .selectFrom('cart_lines')
          .select((eb) => eb.fn.countAll<number>().as('count'))
          .where('shopper_id', '=', shopperId)
          .executeTakeFirstOrThrow();
        if (Number(count) >= MAX_CART_LINES) throw new ConflictError(`A cart holds at most ${MAX_CART_LINES} lines`);
        await trx
          .insertInto('cart_lines')
          .values({ shopper_id: shopperId, option_id: optionId, quantity: request.body.quantity, created_at: now, updated_at: now })
          .execute();
      });
      return cartOf(shopperId);
    },
  );

  app.delete(
    '/me/cart/items/:optionId',
    {
      schema: {
        operationId: 'removeCartItem',
        tags,
        summary: 'Remove a line (removing an absent line changes nothing)',
        security: BEARER_SECURITY,
        params: OptionParams,
        querystring: NoQuery,
        response: { 200: CartView, ...errorResponses(400, 401, 500, 503) },
      },
    },
    async (request) => {
      const shopperId = request.viewer!.shopperId;
      await app.db.deleteFrom('cart_lines').where('shopper_id', '=', shopperId).where('option_id', '=', request.params.optionId).execute();
      return cartOf(shopperId);
    },
  );
};
