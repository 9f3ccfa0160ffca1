/**
 * Ports of the usual local frontend dev servers: Vite (5173, and 4173 for `vite preview`), Angular (4200),
 * Vue CLI / webpack-dev-server (8080), and Next.js / Create React App, which move on to 3002 because `pnpm dev`'s
 * APIs hold 3000 and 3001.
 */
export const DEV_FRONTEND_PORTS = [5173, 4173, 4200, 8080, 3002] as const;

/** The origins `pnpm dev` allows when CORS_ORIGINS is unset: each dev server port on localhost and 127.0.0.1. */
export const DEV_CORS_ORIGINS: readonly string[] = DEV_FRONTEND_PORTS.flatMap((port) => [
  `http://localhost:${port}`,
  `http://127.0.0.1:${port}`,
]);

/** CORS_ORIGINS for `pnpm dev`'s services: the user's own when set (empty turns CORS off), else DEV_CORS_ORIGINS. */
export function devCorsOrigins(env: Record<string, string | undefined>): string {
  return env.CORS_ORIGINS ?? DEV_CORS_ORIGINS.join(',');
}
