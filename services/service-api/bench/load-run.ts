import autocannon from 'autocannon';
import { rotatingRequests } from '../../../scripts/bench/rotating-requests.js';

/** The figures of one load run, over every instance it spread its connections on. */
export interface LoadFigures {
  label: string;
  instances: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  /** req/s each instance answered, in instance order (shows how even the spread was). */
  perInstanceReqPerSec: number[];
}

/** What autocannon returns with `skipAggregateResult`: raw counts and HDR histograms (base64), not percentiles. */
interface RawResult {
  totalCompletedRequests: number;
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats: Record<string, { count: number }>;
}
// Untyped in @types/autocannon: merges raw results, adding their latency histograms (exact merged percentiles).
const aggregateResult = (autocannon as unknown as { aggregateResult(results: RawResult[], opts: { url: string[] }): autocannon.Result })
  .aggregateResult;

/** Wide enough for the longest run label of bench:load. */
export const LABEL_WIDTH = 44;

export const MERGE_NOTE = 'p50/p99 over all instances come from the merged HDR latency histograms of their load generators (exact)';

/**
 * `connections` spread evenly over `bases`, one autocannon per instance running in parallel, each rotating
 * through `paths`; their latency histograms are merged, so p50 and p99 are those of every request answered.
 */
export async function loadAcross(bases: string[], connections: number, duration: number, paths: readonly string[]): Promise<RawResult[]> {
  return Promise.all(
    bases.map((url, i) => {
      const share = Math.floor(connections / bases.length) + (i < connections % bases.length ? 1 : 0);
      const options = { url, connections: share, duration, requests: rotatingRequests(paths), skipAggregateResult: true };
      return autocannon(options) as unknown as Promise<RawResult>;
    }),
  );
}

export function loadFigures(label: string, bases: string[], results: RawResult[]): LoadFigures {
  const merged = aggregateResult(results, { url: bases });
  const perInstanceReqPerSec = results.map((r) => Math.round(r.totalCompletedRequests / r.duration));
  return {
    label,
    instances: results.length,
    reqPerSec: perInstanceReqPerSec.reduce((a, b) => a + b, 0),
    p50: merged.latency.p50,
    p99: merged.latency.p99,
    requests: results.reduce((sum, r) => sum + r.totalCompletedRequests, 0),
    errors: merged.errors,
    timeouts: merged.timeouts,
    non2xx: merged.non2xx,
    statusCodes: Object.fromEntries(
      Object.entries(merged.statusCodeStats ?? {}).map(([code, stat]) => [code, (stat as { count: number }).count]),
    ),
    perInstanceReqPerSec,
  };
}

export function formatFigures(run: LoadFigures): string {
  const spread = run.instances > 1 ? ` (${run.perInstanceReqPerSec.join(' + ')})` : '';
  return (
    `  ${run.label.padEnd(LABEL_WIDTH)} ${String(run.reqPerSec).padStart(6)} req/s${spread}   p50 ${String(run.p50).padStart(4)} ms   ` +
    `p99 ${String(run.p99).padStart(5)} ms   ${run.requests} requests, errors ${run.errors} (timeouts ${run.timeouts}), ` +
    `non-2xx ${run.non2xx}   status ${JSON.stringify(run.statusCodes)}`
  );
}
