import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/** Longest detail HTML accepted, and stored once sanitized (sanitizing can lengthen it: closing tags, entities). */
export const DETAIL_HTML_MAX_LENGTH = 500_000;
/** Deepest element nesting accepted; real product pages stay far below it. */
export const DETAIL_HTML_MAX_DEPTH = 100;

export type SanitizedHtml = { ok: true; html: string } | { ok: false; problem: string };

type WorkerAnswer = { html: string } | { tooDeep: true } | { tooLong: true };

export interface SanitizerPoolOptions {
  /** The worker module (default: detail-html.worker.mjs beside this file). */
  workerUrl?: URL;
  size?: number;
  /** A sanitize that runs this long is given up and its worker replaced. */
  timeoutMs?: number;
}

export interface SanitizerPool {
  sanitize(html: string): Promise<SanitizedHtml>;
  /** Workers alive now (busy or idle). */
  size(): number;
}

interface Task {
  html: string;
  settle(result: SanitizedHtml | Error): void;
}

/**
 * A few worker threads that sanitize detail HTML, one document at a time each, in arrival order. Too deep,
 * too slow, or too long once sanitized is a problem to report; a worker that fails rejects its one task and
 * is replaced.
 */
export function createSanitizerPool(options: SanitizerPoolOptions = {}): SanitizerPool {
  const workerUrl = options.workerUrl ?? new URL('./detail-html.worker.mjs', import.meta.url);
  // Sanitizing 500 KB takes up to ~0.7 s of CPU, so it never runs on the event loop; one core is left for
  // the event loop where there is one to spare.
  const poolSize = options.size ?? Math.max(1, Math.min(2, availableParallelism() - 1));
  // Bounded length and depth keep a sanitize under a second here.
  const timeoutMs = options.timeoutMs ?? 5_000;
  const idle: Worker[] = [];
  const queue: Task[] = [];
  let alive = 0;

  function dispatch(): void {
    while (queue.length > 0) {
      let worker = idle.pop();
      if (!worker) {
        if (alive >= poolSize) return;
        worker = spawn();
      }
      run(worker, queue.shift()!);
    }
  }

  function spawn(): Worker {
    const worker = new Worker(workerUrl, { workerData: { maxDepth: DETAIL_HTML_MAX_DEPTH, maxLength: DETAIL_HTML_MAX_LENGTH } });
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
    const onFailure = (err: unknown) =>
      finish(err instanceof Error ? err : new Error(`detail HTML worker exited with code ${String(err)}`), false);
    const timer = setTimeout(() => finish({ ok: false, problem: 'is too complex to sanitize' }, false), timeoutMs);
    worker.on('message', onMessage).on('error', onFailure).on('exit', onFailure);
    worker.postMessage(task.html);
  }

  return {
    sanitize(html) {
      if (html === '') return Promise.resolve({ ok: true, html });
      return new Promise((resolve, reject) => {
        queue.push({ html, settle: (result) => (result instanceof Error ? reject(result) : resolve(result)) });
        dispatch();
      });
    },
    size: () => alive,
  };
}

function toResult(answer: WorkerAnswer): SanitizedHtml {
  if ('tooDeep' in answer) return { ok: false, problem: `nests elements more than ${DETAIL_HTML_MAX_DEPTH} levels deep` };
  if ('tooLong' in answer) {
    return { ok: false, problem: `is longer than ${DETAIL_HTML_MAX_LENGTH} characters once sanitized (closing tags and entities added)` };
  }
  return { ok: true, html: answer.html };
}

// Shared by the process, like libuv's thread pool: started on first use.
const shared = createSanitizerPool();

/**
 * The product detail HTML as stored: sanitized against the allowlist in detail-html.worker.mjs, off the
 * event loop.
 */
export const sanitizeDetailHtml = (html: string): Promise<SanitizedHtml> => shared.sanitize(html);
