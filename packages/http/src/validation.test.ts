import { compileValidator, parseDate, parseDateTime, toErrorDetails } from './validation.js';

describe('date-time: only what round-trips', () => {
  test.each([
    ['2026-11-23T10:00:00.000Z', '2026-11-23T10:00:00.000Z'],
    ['2026-11-23T10:00:00Z', '2026-11-23T10:00:00.000Z'],
    ['2026-11-23t10:00:00.5z', '2026-11-23T10:00:00.500Z'],
    ['2026-11-23T19:00:00+09:00', '2026-11-23T10:00:00.000Z'],
    ['2026-11-23T00:30:00-01:45', '2026-11-23T02:15:00.000Z'],
    ['2028-02-29T00:00:00Z', '2028-02-29T00:00:00.000Z'],
    ['1000-01-01T00:00:00Z', '1000-01-01T00:00:00.000Z'],
    ['9999-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z'],
  ])('%s is %s', (input, iso) => {
    expect(parseDateTime(input)?.toISOString()).toBe(iso);
  });

  test.each([
    ['a leap second', '2026-06-30T23:59:60Z'],
    ['year 0000', '0000-01-01T00:00:00Z'],
    ['year 0099 (Date.UTC reads it as 1999)', '0099-01-01T00:00:00Z'],
    ['year 0999', '0999-12-31T23:59:59Z'],
    ['a year past 9999 once in UTC', '9999-12-31T23:00:00-05:00'],
    ['Feb 30', '2026-02-30T00:00:00Z'],
    ['Feb 29 of a common year', '2026-02-29T00:00:00Z'],
    ['Apr 31', '2026-04-31T00:00:00Z'],
    ['month 13', '2026-13-01T00:00:00Z'],
    ['day 00', '2026-01-00T00:00:00Z'],
    ['hour 24', '2026-01-01T24:00:00Z'],
    ['minute 60', '2026-01-01T10:60:00Z'],
    ['an offset hour 24', '2026-01-01T10:00:00+24:00'],
    ['an offset minute 60', '2026-01-01T10:00:00+09:60'],
    ['no time zone', '2026-01-01T10:00:00'],
    ['more than millisecond precision', '2026-01-01T10:00:00.1234Z'],
    ['a space for T', '2026-01-01 10:00:00Z'],
    ['an offset without colon', '2026-01-01T10:00:00+0900'],
    ['a date only', '2026-01-01'],
    ['expanded years', '+002026-01-01T00:00:00Z'],
  ])('%s is refused: %s', (_what, input) => {
    expect(parseDateTime(input)).toBeNull();
  });
});

describe('date', () => {
  test('a real calendar day parses to its UTC midnight', () => {
    expect(parseDate('2028-02-29')?.toISOString()).toBe('2028-02-29T00:00:00.000Z');
  });
  test.each(['2026-02-29', '2026-02-30', '2026-04-31', '2026-00-10', '0000-01-01', '0050-01-01', '2026-1-01', '2026-01-01T00:00:00Z'])(
    '%s is refused',
    (input) => {
      expect(parseDate(input)).toBeNull();
    },
  );
});

describe('the schema formats use these parsers', () => {
  const body = compileValidator({
    schema: { type: 'object', properties: { at: { type: 'string', format: 'date-time' } } },
    httpPart: 'body',
    method: 'POST',
    url: '/x',
  }) as ((v: unknown) => boolean) & { errors: never };
  const query = compileValidator({
    schema: { type: 'object', properties: { day: { type: 'string', format: 'date' } } },
    httpPart: 'querystring',
    method: 'GET',
    url: '/x',
  }) as ((v: unknown) => boolean) & { errors: never };

  test('a body date-time that does not round-trip is a detail naming its field', () => {
    expect(body({ at: '2026-06-30T23:59:59Z' })).toBe(true);
    expect(body({ at: '2026-06-30T23:59:60Z' })).toBe(false);
    expect(toErrorDetails(body.errors, 'body')).toEqual([
      { field: 'at', message: expect.stringContaining('ISO 8601 date-time that exists') },
    ]);
  });

  test('a query date of year 0000 or Feb 30 is refused', () => {
    expect(query({ day: '2026-02-28' })).toBe(true);
    expect(query({ day: '0000-01-01' })).toBe(false);
    expect(query({ day: '2026-02-30' })).toBe(false);
    expect(toErrorDetails(query.errors, 'querystring')).toEqual([{ field: 'day', message: expect.stringContaining('calendar date') }]);
  });
});
