import type { FastifyInstance } from 'fastify';
import { addressRoutes } from './addresses/index.js';
import { authRoutes } from './auth/index.js';
import { cartRoutes } from './cart/index.js';
import { categoryRoutes } from './categories/index.js';
import { orderItemRoutes } from './order-items/index.js';
import { orderRoutes } from './orders/index.js';
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
  await app.register(addressRoutes);
  await app.register(cartRoutes);
  await app.register(orderRoutes);
  await app.register(orderItemRoutes);
  await app.register(reviewRoutes);
}
