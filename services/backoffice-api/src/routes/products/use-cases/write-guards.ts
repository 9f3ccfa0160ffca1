import { badRequest, forbidden, preconditionRequired } from '@brandi/http';
import type { Actor } from '../../../types.js';

/** Sellers that are not active may read but not change products; admins always may. */
export function assertCanWriteProducts(actor: Actor): void {
  if (actor.role !== 'admin' && actor.status !== 'active') throw forbidden(`A ${actor.status} seller cannot change products`);
}

const VERSION_TAG = /^\s*(?:W\/)?"?([1-9][0-9]{0,9})"?\s*$/;

/** The version an `If-Match` header names (`3`, `"3"` or `W/"3"`); undefined when there is no header. */
export function parseIfMatch(header: string | string[] | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = VERSION_TAG.exec(Array.isArray(header) ? header[0] : header);
  if (!match)
    throw badRequest('If-Match must hold a product version', [{ field: 'If-Match', message: 'must be a version number such as 3' }]);
  return Number(match[1]);
}

export function requireIfMatch(header: string | string[] | undefined): number {
  const version = parseIfMatch(header);
  if (version === undefined) throw preconditionRequired('If-Match with the product version is required');
  return version;
}
