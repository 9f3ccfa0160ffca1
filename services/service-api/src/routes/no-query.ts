import Type from 'typebox';

/** For routes that take no query parameters: any given is a 400 (API.md), not silently ignored. */
export const NoQuery = Type.Object({});
