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

/** Every resource's routes, in registration order; each resource is an encapsulated plugin in its own folder. */
const RESOURCES = [
  authRoutes,
  categoryRoutes,
  productRoutes,
  sellerRoutes,
  questionRoutes,
  addressRoutes,
  cartRoutes,
  orderRoutes,
  orderItemRoutes,
  reviewRoutes,
];

export async function routes(app: FastifyInstance): Promise<void> {
  for (const resource of RESOURCES) await app.register(resource);
}
