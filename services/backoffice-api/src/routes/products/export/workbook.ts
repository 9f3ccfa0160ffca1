import type { EventEmitter } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ExportColumn } from './columns.js';

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
 * The worksheet's XML stream (exceljs 4.4's StreamBuf): what its own row writer writes into. Its first pipe is
 * the zip entry's input; StreamBuf writes every finished block there without honouring backpressure, so unless
 * we wait on that the whole sheet's XML piles up ahead of deflate (~60 MB per 100k rows). Internal to exceljs
 * 4.4 / archiver 5, hence the defensive reads.
 */
interface SheetStream {
  write(data: string): unknown;
  pipes?: PipeTarget[];
}

function sheetStream(sheet: ExcelJS.Worksheet): SheetStream {
  const stream = (sheet as unknown as { stream?: SheetStream }).stream;
  if (!stream || typeof stream.write !== 'function') throw new Error('exceljs worksheet writer has no stream (exceljs version changed?)');
  return stream;
}

// Characters XML 1.0 forbids (C0 controls other than tab/LF/CR, and the two non-characters) are dropped;
// markup characters are escaped. Lone surrogates become U+FFFD when the string is encoded as UTF-8.
const XML_UNSAFE = '<>&\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uFFFE\\uFFFF';
const HAS_XML_UNSAFE = new RegExp(`[${XML_UNSAFE}]`);
const EACH_XML_UNSAFE = new RegExp(`[${XML_UNSAFE}]`, 'g');
const XML_ESCAPES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };
// Most cells need nothing: test first (a non-global regex, no lastIndex state), replace only when needed.
const escapeXmlText = (text: string) => (HAS_XML_UNSAFE.test(text) ? text.replace(EACH_XML_UNSAFE, (c) => XML_ESCAPES[c] ?? '') : text);

/** A, B, ..., Z, AA, ...: the column letters of cell references. */
function columnLetters(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/**
 * One `<row>` of SpreadsheetML: strings as inline strings (no shared-string table to hold in memory), finite
 * numbers as numbers. This is what exceljs's own row writer emits minus its per-cell object model, which cost
 * ~2 s of CPU per 100k rows; the workbook around it (zip, parts, frozen pane, column widths) stays exceljs's.
 */
export function rowXml(rowNumber: number, cells: readonly (string | number)[], letters: readonly string[]): string {
  let xml = `<row r="${rowNumber}">`;
  for (let i = 0; i < cells.length; i++) {
    const value = cells[i];
    const ref = `${letters[i]}${rowNumber}`;
    if (typeof value === 'number') {
      if (Number.isFinite(value)) xml += `<c r="${ref}"><v>${value}</v></c>`;
    } else if (value !== '') {
      const text = escapeXmlText(value);
      const space = text.trim().length === text.length ? '' : ' xml:space="preserve"';
      xml += `<c r="${ref}" t="inlineStr"><is><t${space}>${text}</t></is></c>`;
    }
  }
  return `${xml}</row>`;
}

/**
 * Lets zlib and the socket run (their callbacks need the event loop), then waits while more than
 * MAX_BACKLOG_BYTES of the sheet wait for deflate, or while the client is not taking what is ready, so rows are
 * never read from the DB much faster than the client downloads them. Rejects with ExportAborted once the
 * client is gone.
 */
async function waitForRoom(stream: SheetStream, output: Writable): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  if (output.destroyed) throw new ExportAborted();
  const entry = stream.pipes?.[0];
  const state = entry?._writableState;
  if (entry && state?.needDrain && (state.length ?? 0) > MAX_BACKLOG_BYTES) await eventOrAbort(entry, 'drain', output);
  // archiver buffers up to 1 MB of zip on each side, tens of thousands of rows: a stalled client stops us here.
  if (output.writableNeedDrain) await eventOrAbort(output, 'drain', output);
}

/**
 * Streams one worksheet: a frozen header row, then a row per item of `batches`, each turned into XML only as it
 * is written and handed to the zip every ROWS_PER_CHECK rows, so the writer holds at most that many rows.
 * Resolves with the row count when the zip is complete.
 */
export async function writeWorkbook<T>(
  output: Writable,
  sheetName: string,
  columns: readonly ExportColumn[],
  batches: AsyncIterable<T[]>,
  toCells: (item: T) => (string | number)[],
): Promise<number> {
  // Deflate level 1 is archiver's default; pinned because level 6 cost ~0.7 s more per 100k rows when measured.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: false,
    useSharedStrings: false,
    zip: { zlib: { level: 1 } },
  });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map(({ width }, i) => ({ key: String(i), width }));
  // The header goes through exceljs, which opens <sheetData> after the column widths; data rows follow it.
  sheet.addRow(columns.map(({ header }) => header)).commit();
  const stream = sheetStream(sheet);
  const letters = columns.map((_, i) => columnLetters(i));
  let count = 0;
  let chunk = '';
  for await (const rows of batches) {
    for (const item of rows) {
      count += 1;
      chunk += rowXml(count + 1, toCells(item), letters);
      if (count % ROWS_PER_CHECK === 0) {
        stream.write(chunk);
        chunk = '';
        await waitForRoom(stream, output);
      }
    }
  }
  if (chunk) stream.write(chunk);
  sheet.commit();
  if (output.destroyed) throw new ExportAborted();
  // A client gone during the final zip writes would leave commit() pending forever.
  await Promise.race([workbook.commit(), eventOrAbort(output, 'finish', output)]);
  return count;
}
