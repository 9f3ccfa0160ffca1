import { decodeCached, encodeCached } from './codec.js';

const roundTrip = <T>(value: T): T => decodeCached<T>(encodeCached(value));

test('rows come back exactly: dates as Dates, bigints, decimal strings, nulls and nesting', () => {
  const row = {
    id: 7,
    price: 39000,
    amount: '12.50',
    big: 9007199254740993n,
    discount_starts_at: new Date('2026-03-01T00:00:00.123Z'),
    discount_ends_at: null,
    is_on_sale: true,
    options: [{ id: 1, color: '블랙', stock: null }],
    when: [new Date(0)],
  };
  const back = roundTrip(row);
  expect(back).toEqual(row);
  expect(back.discount_starts_at).toBeInstanceOf(Date);
  expect(back.big).toBe(9007199254740993n);
  expect(roundTrip(null)).toBeNull();
  expect(roundTrip({ row: null, list: [] })).toEqual({ row: null, list: [] });
});

test('an object shaped like a tag stays that object', () => {
  for (const value of [{ $d: 5 }, { $n: '1' }, { $o: { a: 1 } }, { nested: { $d: 'x' } }]) expect(roundTrip(value)).toEqual(value);
});

test('an invalid Date stays invalid', () => {
  expect(Number.isNaN(roundTrip({ at: new Date(Number.NaN) }).at.getTime())).toBe(true);
});

test('values that would not come back the same are refused', () => {
  for (const value of [{ data: Buffer.from('x') }, [undefined], new Map(), { n: Number.NaN }, { f: () => 1 }])
    expect(() => encodeCached(value)).toThrow(TypeError);
});
