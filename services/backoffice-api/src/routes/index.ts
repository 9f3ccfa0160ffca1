import type { FastifyInstance } from 'fastify';
import { requireActor } from '../plugins/auth.js';
import { authRoutes, meRoutes } from './auth/index.js';
import { categoryRoutes } from './categories/index.js';
import { productRoutes } from './products/routes/reads.js';
import { productExportRoutes } from './products/export/route.js';
import { orderRoutes } from './orders/index.js';
import { questionRoutes } from './questions/index.js';
import { sellerRoutes } from './sellers/index.js';

/**
 * Public routes (signup, login) register on `app`; everything else registers inside the authenticated
 * scope, where `request.actor` is always set.
 */
export async function routes(app: FastifyInstance): Promise<void> {
  await app.register(authRoutes);
  await app.register(async (authenticated) => {
    await authenticated.register(requireActor);
    await authenticated.register(meRoutes);
    await authenticated.register(categoryRoutes);
    await authenticated.register(sellerRoutes);
    await authenticated.register(questionRoutes);
    await authenticated.register(productRoutes);
    await authenticated.register(productExportRoutes);
    await authenticated.register(orderRoutes);
  });
}
