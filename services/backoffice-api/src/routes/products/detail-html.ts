import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/** Longest detail HTML accepted, and stored once sanitized (sanitizing can lengthen it: closing tags, entities). */
export const DETAIL_HTML_MAX_LENGTH = 500_000;
/** Deepest element nesting accepted; real product pages stay far below it. */
export const DETAIL_HTML_MAX_DEPTH = 100;
// Bounded length and depth keep a sanitize well under a second; one that runs this long is given up.
const SANITIZE_TIMEOUT_MS = 5_000;
// Sanitizing 500 KB takes up to ~0.5 s of CPU, so it never runs on the event loop: a few worker threads,
// shared by the process (like libuv's pool), leaving a core for the event loop where there is one to spare.
const POOL_SIZE = Math.max(1, Math.min(2, availableParallelism() - 1));
const WORKER_URL = new URL('./detail-html.worker.mjs', import.meta.url);

export type SanitizedHtml = { ok: true; html: string } | { ok: false; problem: string };

type WorkerAnswer = { html: string } | { tooDeep: true } | { tooLong: true };

interface Task {
  html: string;
  settle(result: SanitizedHtml | Error): void;
}

const idle: Worker[] = [];
const queue: Task[] = [];
let alive = 0;

/**
 * The product detail HTML as stored: sanitized against the allowlist in detail-html.worker.mjs, in a worker
 * thread. Too deep, too slow, or longer than the limit once sanitized is a problem to report, not an error.
 */
export function sanitizeDetailHtml(html: string): Promise<SanitizedHtml> {
  if (html === '') return Promise.resolve({ ok: true, html });
  return new Promise((resolve, reject) => {
    queue.push({ html, settle: (result) => (result instanceof Error ? reject(result) : resolve(result)) });
    dispatch();
  });
}

function dispatch(): void {
  while (queue.length > 0) {
    let worker = idle.pop();
    if (!worker) {
      if (alive >= POOL_SIZE) return;
      worker = spawn();
    }
    run(worker, queue.shift()!);
  }
}

function spawn(): Worker {
  const worker = new Worker(WORKER_URL, { workerData: { maxDepth: DETAIL_HTML_MAX_DEPTH, maxLength: DETAIL_HTML_MAX_LENGTH } });
  // Idle workers must not keep the process alive; a pending request holds its own handles.
  worker.unref();
  alive++;
  // However a worker ends (given up, crashed, killed), its slot frees and the queue moves on.
  worker.once('exit', () => {
    alive--;
    const index = idle.indexOf(worker);
    if (index >= 0) idle.splice(index, 1);
    dispatch();
  });
  return worker;
}

function run(worker: Worker, task: Task): void {
  const finish = (result: SanitizedHtml | Error, reuse: boolean) => {
    clearTimeout(timer);
    worker.off('message', onMessage).off('error', onFailure).off('exit', onFailure);
    if (reuse) idle.push(worker);
    else void worker.terminate();
    task.settle(result);
    dispatch();
  };
  const onMessage = (answer: WorkerAnswer) => finish(toResult(answer), true);
  const onFailure = (err: unknown) => finish(err instanceof Error ? err : new Error(`detail HTML worker exited with code ${String(err)}`), false);
  const timer = setTimeout(() => finish({ ok: false, problem: 'is too complex to sanitize' }, false), SANITIZE_TIMEOUT_MS);
  worker.on('message', onMessage).on('error', onFailure).on('exit', onFailure);
  worker.postMessage(task.html);
}

function toResult(answer: WorkerAnswer): SanitizedHtml {
  if ('tooDeep' in answer) return { ok: false, problem: `nests elements more than ${DETAIL_HTML_MAX_DEPTH} levels deep` };
  if ('tooLong' in answer) {
    return { ok: false, problem: `is longer than ${DETAIL_HTML_MAX_LENGTH} characters once sanitized (closing tags and entities added)` };
  }
  return { ok: true, html: answer.html };
}
