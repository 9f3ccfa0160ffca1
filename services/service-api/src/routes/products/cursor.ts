import { badRequest } from '@brandi/http';
import type { ProductSort } from './schemas.js';

/** Where the previous page stopped: its last row's sort key (dates as epoch ms) and id. */
export interface ProductCursor {
  key: number;
  id: number;
}

// The sort travels inside the cursor so a cursor is never applied to a list ordered differently.
export function encodeCursor(sort: ProductSort, cursor: ProductCursor): string {
  return Buffer.from(JSON.stringify([sort, cursor.key, cursor.id])).toString('base64url');
}

export function decodeCursor(sort: ProductSort, text: string): ProductCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw invalidCursor();
  const [cursorSort, key, id] = parsed as unknown[];
  if (cursorSort !== sort) throw invalidCursor('cursor belongs to another sort');
  if (typeof key !== 'number' || !Number.isFinite(key)) throw invalidCursor();
  if (sort === 'newest' && !isDatetimeMillis(key)) throw invalidCursor();
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) throw invalidCursor();
  return { key, id };
}

// A `newest` key is a registration time: whole milliseconds a DATETIME holds (years 1000-9999), or the
// query would compare against an invalid date.
const MIN_DATETIME_MS = Date.UTC(1000, 0, 1);
const MAX_DATETIME_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const isDatetimeMillis = (key: number) => Number.isSafeInteger(key) && key >= MIN_DATETIME_MS && key <= MAX_DATETIME_MS;

function invalidCursor(message = 'is not a cursor this API issued') {
  return badRequest('Invalid cursor', [{ field: 'cursor', message }]);
}
