import type { FastifyInstance } from 'fastify';
import { requireActor } from '../plugins/auth.js';
import { authRoutes, meRoutes } from './auth/index.js';
import { categoryRoutes } from './categories/index.js';
import { productRoutes } from './products/routes/reads.js';
import { productExportRoutes } from './products/export/route.js';
import { orderRoutes } from './orders/index.js';
import { questionRoutes } from './questions/index.js';
import { sellerRoutes } from './sellers/index.js';

/** The routes that need a signed-in actor, in registration order. */
const AUTHENTICATED_RESOURCES = [meRoutes, categoryRoutes, sellerRoutes, questionRoutes, productRoutes, productExportRoutes, orderRoutes];

/**
 * Public routes (signup, login) register on `app`; everything else registers inside the authenticated
 * scope, where `request.actor` is always set.
 */
export async function routes(app: FastifyInstance): Promise<void> {
  await app.register(authRoutes);
  await app.register(async (authenticated) => {
    await authenticated.register(requireActor);
    for (const resource of AUTHENTICATED_RESOURCES) await authenticated.register(resource);
  });
}
