import { PassThrough, Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { ExportAborted, writeWorkbook } from '../src/routes/products/export/workbook.js';

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
    for (const done of waiting.splice(0)) done();
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

test('cell text survives markup, quotes, edge spaces, line breaks and emoji; XML-illegal control characters are dropped', async () => {
  const cells: (string | number)[][] = [
    ['<script>alert("x")</script> & <b>co</b>', 0],
    ['  two spaces either side  ', -12.5],
    ['tab\there\nnew line', 1e21],
    ['bell\u0007 null\u0000 form\u000c feed', Number.NaN],
    ["👗 원피스 ']]> ", 39_000],
    ['', 1],
  ];
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  async function* batches() {
    yield cells;
  }
  expect(await writeWorkbook(output, 'sheet', COLUMNS, batches(), (row) => row)).toBe(cells.length);

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet('sheet')!;
  const read = (row: number) => [sheet.getRow(row).getCell(1).value, sheet.getRow(row).getCell(2).value];
  expect(read(1)).toEqual(['상품명', '판매가']);
  expect(read(2)).toEqual(['<script>alert("x")</script> & <b>co</b>', 0]);
  expect(read(3)).toEqual(['  two spaces either side  ', -12.5]);
  expect(read(4)).toEqual(['tab\there\nnew line', 1e21]);
  expect(read(5)).toEqual(['bell null form feed', null]);
  expect(read(6)).toEqual(["👗 원피스 ']]> ", 39_000]);
  expect(read(7)).toEqual([null, 1]);
  expect(sheet.rowCount).toBe(cells.length + 1);
  expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  expect(sheet.getColumn(1).width).toBe(30);
});
