import type { FastifyInstance } from 'fastify';
import { authRoutes } from './auth/index.js';
import { categoryRoutes } from './categories/index.js';
import { productRoutes } from './products/index.js';
import { questionRoutes } from './questions/index.js';
import { reviewRoutes } from './reviews/index.js';
import { sellerRoutes } from './sellers/index.js';

/** Every resource's routes; each resource is an encapsulated plugin in its own folder. */
export async function routes(app: FastifyInstance): Promise<void> {
  await app.register(authRoutes);
  await app.register(categoryRoutes);
  await app.register(productRoutes);
  await app.register(sellerRoutes);
  await app.register(questionRoutes);
  await app.register(reviewRoutes);
}
