import { Writable } from 'node:stream';
import { ExportAborted, writeWorkbook } from '../src/routes/products/export-workbook.js';

const COLUMNS = [
  { header: '상품명', width: 30 },
  { header: '판매가', width: 10 },
];
const BATCH = 500;

/** Batches of synthetic rows, counting how many were pulled and whether the consumer closed the source. */
function source(total: number) {
  const state = { pulled: 0, closed: false };
  async function* batches() {
    try {
      for (let start = 0; start < total; start += BATCH) {
        const rows = Array.from({ length: Math.min(BATCH, total - start) }, (_, i) => start + i);
        state.pulled += rows.length;
        yield rows;
      }
    } finally {
      state.closed = true;
    }
  }
  return { state, batches: batches() };
}

/** A client that takes nothing until released: what a stalled download looks like to the writer. */
function stalledOutput() {
  const waiting: (() => void)[] = [];
  let released = false;
  const output = new Writable({
    highWaterMark: 16 * 1024,
    write(_chunk, _encoding, done) {
      if (released) done();
      else waiting.push(done);
    },
  });
  const release = () => {
    released = true;
    waiting.splice(0).forEach((done) => done());
  };
  return { output, release };
}

// Not too compressible, like real rows, so buffers downstream of the check hold a realistic number of rows.
const toCells = (i: number) => [`상품 ${i} ${Math.imul(i, 2654435761).toString(36)} ${Math.imul(i, 40503).toString(16)}`, i * 10];
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

/** Waits until the writer stops pulling rows, and returns how many it pulled. */
async function pulledOnceStalled(state: { pulled: number }): Promise<number> {
  for (let previous = -1; previous !== state.pulled; ) {
    previous = state.pulled;
    await settle();
  }
  return state.pulled;
}

test('a stalled client stops the writer from pulling more rows (memory stays flat); releasing it finishes the file', async () => {
  const { state, batches } = source(200_000);
  const { output, release } = stalledOutput();
  const done = writeWorkbook(output, 'sheet', COLUMNS, batches, toCells);
  const pulled = await pulledOnceStalled(state);
  expect(pulled).toBeLessThan(5_000);
  await settle();
  expect(state.pulled).toBe(pulled);
  release();
  expect(await done).toBe(200_000);
  expect(state.closed).toBe(true);
}, 30_000);

test('a client that goes away aborts the export and closes the row source', async () => {
  const { state, batches } = source(100_000);
  const { output } = stalledOutput();
  const done = writeWorkbook(output, 'sheet', COLUMNS, batches, toCells);
  await settle();
  output.destroy();
  await expect(done).rejects.toBeInstanceOf(ExportAborted);
  expect(state.closed).toBe(true);
  expect(state.pulled).toBeLessThan(5_000);
});
