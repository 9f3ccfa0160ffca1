/**
 * Cached values as text that round-trips exactly what the database layer returns: JSON plus Date and bigint,
 * each tagged as a one-key object ({"$d": ms}, {"$n": "digits"}); a stored object that happens to have one key
 * of that shape is wrapped ({"$o": …}) so it is never mistaken for a tag. Decimal columns arrive as strings and
 * stay strings. Anything else JSON cannot say (Buffer, Map, undefined in an array…) is refused on encode, so a
 * value that would come back different is never cached.
 */
const TAGS = new Set(['$d', '$n', '$o']);

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function encodeValue(value: unknown): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`cannot cache the number ${value}`);
    return value;
  }
  if (typeof value === 'bigint') return { $n: value.toString() };
  if (value instanceof Date) return { $d: value.getTime() };
  if (Array.isArray(value)) return value.map(encodeValue);
  if (typeof value === 'object' && isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) if (item !== undefined) out[key] = encodeValue(item);
    const keys = Object.keys(out);
    return keys.length === 1 && TAGS.has(keys[0]) ? { $o: out } : out;
  }
  throw new TypeError(`cannot cache a ${typeof value === 'object' ? (value.constructor?.name ?? 'object') : typeof value}`);
}

function decodeValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(decodeValue);
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 1) {
    if (keys[0] === '$d') return new Date(record.$d === null ? Number.NaN : (record.$d as number));
    if (keys[0] === '$n') return BigInt(record.$n as string);
    if (keys[0] === '$o') return decodeEntries(record.$o as Record<string, unknown>);
  }
  return decodeEntries(record);
}

function decodeEntries(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(record)) out[key] = decodeValue(item);
  return out;
}

/** The text stored for `value`; throws TypeError for what would not come back the same. */
export function encodeCached(value: unknown): string {
  return JSON.stringify(encodeValue(value));
}

/** The value `encodeCached` stored. */
export function decodeCached<T>(text: string): T {
  return decodeValue(JSON.parse(text)) as T;
}
