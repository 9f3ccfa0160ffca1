import { percentile } from '../../../scripts/bench/summary.js';

// Load shapes for bench:checkout. A closed loop (every client sends again the moment it is answered) measures
// saturation: its latency is set by Little's law, L = λW, so with N clients in flight W ≈ N / throughput however
// fast one request is. An open loop sends at a given rate whatever the answers do, as many shoppers who each
// think between orders: its latency is what a shopper sees at that traffic.

export interface Answer {
  status: number;
  ms: number;
  code?: string;
}

export interface LatencyFigures {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  /** `status code` → count, of the answers other than 201. */
  errorKinds: Record<string, number>;
}

export function latencyFigures(answers: readonly Answer[]): LatencyFigures {
  const ms = answers.map((a) => a.ms).sort((a, b) => a - b);
  const errorKinds: Record<string, number> = {};
  for (const a of answers) if (a.status !== 201) errorKinds[`${a.status} ${a.code}`] = (errorKinds[`${a.status} ${a.code}`] ?? 0) + 1;
  return {
    count: answers.length,
    p50: percentile(ms, 50),
    p95: percentile(ms, 95),
    p99: percentile(ms, 99),
    max: ms[ms.length - 1] ?? Number.NaN,
    errors: answers.filter((a) => a.status !== 201).length,
    errorKinds,
  };
}

export interface OpenLoopRun extends LatencyFigures {
  /** Orders per second asked for, and sent (the Poisson draw of this run). */
  rate: number;
  offered: number;
  /** Orders placed (201) per second, from the start of the run to the last answer. */
  achieved: number;
  /** Most requests in flight at once. */
  maxInFlight: number;
}

/**
 * Sends orders as Poisson arrivals at `rate` per second for `seconds`, each from a shopper session drawn at random
 * (so each of `sessions` shoppers orders at rate / sessions per second: a think time of sessions / rate seconds on
 * average). Latency counts from the arrival's scheduled time, so a stalled sender cannot hide a queue.
 */
export async function runOpenLoop(
  rate: number,
  seconds: number,
  sessions: number,
  send: (session: number, n: number) => Promise<Omit<Answer, 'ms'>>,
): Promise<OpenLoopRun> {
  const arrivals: number[] = [];
  for (let t = -Math.log(1 - Math.random()) / rate; t < seconds; t += -Math.log(1 - Math.random()) / rate) arrivals.push(t * 1000);
  const answers: Answer[] = [];
  const pending: Promise<void>[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const started = performance.now();
  for (let n = 0; n < arrivals.length; n++) {
    const wait = started + arrivals[n] - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const scheduled = started + arrivals[n];
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    pending.push(
      send(Math.floor(Math.random() * sessions), n).then((answer) => {
        inFlight--;
        answers.push({ ...answer, ms: performance.now() - scheduled });
      }),
    );
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - started) / 1000;
  const placed = answers.filter((a) => a.status === 201).length;
  return { rate, offered: arrivals.length / seconds, achieved: placed / elapsed, maxInFlight, ...latencyFigures(answers) };
}
