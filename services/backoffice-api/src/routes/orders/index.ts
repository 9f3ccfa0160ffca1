import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { orderExportRoutes } from './export.js';
import { orderReadRoutes } from './reads.js';
import { orderTransitionRoutes } from './transitions.js';

/** The seller's order desk (all sellers' items for an admin): list, tabs, item detail, moves, export, carriers. */
export const orderRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(orderReadRoutes);
  await app.register(orderTransitionRoutes);
  await app.register(orderExportRoutes);
};
