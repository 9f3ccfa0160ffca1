// A stand-in sanitizer worker for the pool's fault tests (products-detail-html.test.ts): "hang" never answers,
// "crash" throws, anything else comes back as it is.
import { parentPort } from 'node:worker_threads';

parentPort?.on('message', (html) => {
  if (html === 'hang') for (;;);
  if (html === 'crash') throw new Error('worker crashed');
  parentPort?.postMessage({ html });
});
