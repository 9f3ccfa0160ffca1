/**
 * An autocannon `requests` list of one GET whose path rotates through `paths`, shared by all connections.
 * Passing one entry per path instead makes autocannon pre-build every path for every connection: at 200
 * connections × 4000 paths its event loop stalled ~15 s at the start and counted answered requests as timeouts.
 */
export function rotatingRequests(paths: readonly string[]) {
  let next = 0;
  return [
    { method: 'GET' as const, path: paths[0], setupRequest: (req: { path?: string }) => ({ ...req, path: paths[next++ % paths.length] }) },
  ];
}
