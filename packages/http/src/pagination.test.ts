import { AppError, escapeLike, offsetPage, pageWindow, parseIdList } from './index.js';

describe('pagination helpers', () => {
  it('resolves page defaults and the SQL offset', () => {
    expect(pageWindow({})).toEqual({ page: 1, limit: 20, offset: 0 });
    expect(pageWindow({ page: 3, limit: 50 })).toEqual({ page: 3, limit: 50, offset: 100 });
    expect(offsetPage(['a'], 2, 1, 9)).toEqual({ items: ['a'], page: 2, limit: 1, total: 9 });
  });

  it('refuses a page past 10,000 rows, before any query', () => {
    expect(pageWindow({ page: 100, limit: 100 })).toEqual({ page: 100, limit: 100, offset: 9900 });
    expect(pageWindow({ page: 500 })).toEqual({ page: 500, limit: 20, offset: 9980 });
    for (const query of [
      { page: 101, limit: 100 },
      { page: 501 },
      { page: 10_001, limit: 1 },
      { page: Number.MAX_SAFE_INTEGER, limit: 100 },
    ]) {
      expect(() => pageWindow(query)).toThrow(
        expect.objectContaining({
          statusCode: 400,
          code: 'VALIDATION_FAILED',
          message: expect.stringContaining('narrow the filters'),
          details: [{ field: 'page', message: 'page × limit must be at most 10000' }],
        }),
      );
    }
  });

  it('escapes LIKE wildcards and the escape character', () => {
    expect(escapeLike('50%_off\\now')).toBe('50\\%\\_off\\\\now');
    expect(escapeLike('plain')).toBe('plain');
  });

  it('parses comma lists of positive ids', () => {
    expect(parseIdList('1,4,7', 'ids')).toEqual([1, 4, 7]);
    expect(parseIdList(' 3 , 3,9 ', 'ids')).toEqual([3, 9]);
  });

  it('rejects malformed or oversized id lists naming the field', () => {
    for (const value of ['', '1,,2', '0', '-1', '1.5', 'a', '99999999999999999999']) {
      expect(() => parseIdList(value, 'sellerAttributeIds')).toThrow(AppError);
    }
    try {
      parseIdList('1,2,3', 'ids', 2);
      throw new Error('expected a validation error');
    } catch (err) {
      expect(err).toMatchObject({
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        details: [{ field: 'ids', message: 'must list at most 2 ids' }],
      });
    }
  });
});
