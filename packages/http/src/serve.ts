import type { FastifyInstance } from 'fastify';

/**
 * Listens, and on SIGINT/SIGTERM lets in-flight requests finish (app.close runs every onClose hook) before
 * exiting; a shutdown stuck past `graceMs` is cut off so the orchestrator can restart the process.
 */
export async function listenUntilSignalled(app: FastifyInstance, options: { port: number; host: string; graceMs?: number }): Promise<void> {
  let closing = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      if (closing) return;
      closing = true;
      app.log.info({ signal }, 'shutting down');
      setTimeout(() => process.exit(1), options.graceMs ?? 10_000).unref();
      app.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
  await app.listen({ port: options.port, host: options.host });
}
