import type { EventEmitter } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ExportColumn } from './export-columns.js';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// Rows between backpressure checks (~50 KB of sheet XML).
const ROWS_PER_CHECK = 100;
// Sheet XML allowed to wait for deflate: enough to keep zlib busy while rows are built, small enough to be flat.
const MAX_BACKLOG_BYTES = 256 * 1024;

export class ExportAborted extends Error {
  override name = 'ExportAborted';
}

/** Resolves on `event` of `emitter`, rejects with ExportAborted if `output` closes first; no listener outlives it. */
function eventOrAbort(emitter: EventEmitter, event: string, output: Writable): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onEvent = () => {
      cleanup();
      resolve();
    };
    const onClose = () => {
      cleanup();
      reject(new ExportAborted());
    };
    const cleanup = () => {
      emitter.off(event, onEvent);
      output.off('close', onClose);
    };
    emitter.on(event, onEvent);
    output.on('close', onClose);
  });
}

interface PipeTarget extends EventEmitter {
  _writableState?: { length?: number; needDrain?: boolean };
}

/**
 * The stream exceljs feeds the sheet's XML into (the zip entry's input). exceljs's StreamBuf writes every
 * finished block there without honouring backpressure, so unless we wait on it the whole sheet's XML piles up
 * ahead of deflate (~60 MB per 100k rows). Internal to exceljs 4.4 / archiver 5, hence the defensive reads.
 */
function sheetEntryInput(sheet: ExcelJS.Worksheet): PipeTarget | undefined {
  const stream = (sheet as unknown as { stream?: { pipes?: PipeTarget[] } }).stream;
  return stream?.pipes?.[0];
}

/**
 * Lets zlib and the socket run (their callbacks need the event loop), then waits while more than
 * MAX_BACKLOG_BYTES of the sheet wait for deflate, or while the client is not taking what is ready, so rows are
 * never read from the DB much faster than the client downloads them. Rejects with ExportAborted once the
 * client is gone.
 */
async function waitForRoom(sheet: ExcelJS.Worksheet, output: Writable): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  if (output.destroyed) throw new ExportAborted();
  const entry = sheetEntryInput(sheet);
  const state = entry?._writableState;
  if (entry && state?.needDrain && (state.length ?? 0) > MAX_BACKLOG_BYTES) await eventOrAbort(entry, 'drain', output);
  // archiver buffers up to 1 MB of zip on each side, tens of thousands of rows: a stalled client stops us here.
  if (output.writableNeedDrain) await eventOrAbort(output, 'drain', output);
}

/**
 * Streams one worksheet: a frozen header row, then a row per item of `batches`, each turned into cells only as
 * it is written and committed at once, so the writer keeps just the current row. Resolves with the row count
 * when the zip is complete.
 */
export async function writeWorkbook<T>(
  output: Writable,
  sheetName: string,
  columns: readonly ExportColumn[],
  batches: AsyncIterable<T[]>,
  toCells: (item: T) => (string | number)[],
): Promise<number> {
  // Deflate level 1 is archiver's default; pinned because level 6 cost ~0.7 s more per 100k rows when measured.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: false, useSharedStrings: false, zip: { zlib: { level: 1 } } });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map(({ width }, i) => ({ key: String(i), width }));
  sheet.addRow(columns.map(({ header }) => header)).commit();
  let count = 0;
  for await (const rows of batches) {
    for (const item of rows) {
      sheet.addRow(toCells(item)).commit();
      count += 1;
      if (count % ROWS_PER_CHECK === 0) await waitForRoom(sheet, output);
    }
  }
  sheet.commit();
  if (output.destroyed) throw new ExportAborted();
  // A client gone during the final zip writes would leave commit() pending forever.
  await Promise.race([workbook.commit(), eventOrAbort(output, 'finish', output)]);
  return count;
}
