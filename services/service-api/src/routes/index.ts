import type { FastifyInstance } from 'fastify';

/** Every resource's routes; each resource is an encapsulated plugin in its own folder. */
export async function routes(app: FastifyInstance): Promise<void> {
  void app;
}
