import { DomainError, PriceChangedError, ValidationError, type DomainErrorKind } from '@brandi/errors';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorObject } from 'ajv';
import {
  AppError,
  DEFAULT_VALIDATION_MESSAGE,
  type ErrorCode,
  type ErrorEnvelope,
  preconditionRequired,
  unavailable,
  validationFailed,
} from './errors.js';
import { toErrorDetails } from './validation.js';

export type UnavailablePredicate = (err: unknown) => boolean;

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  428: 'PRECONDITION_REQUIRED',
  429: 'RATE_LIMITED',
};

// How each kind of domain error is answered. The messages and details are the use case's own; a validation error
// without a message of its own gets the generic one every validation failure uses.
const DOMAIN_ANSWERS: Record<DomainErrorKind, { status: number; code: ErrorCode }> = {
  validation: { status: 400, code: 'VALIDATION_FAILED' },
  not_allowed: { status: 403, code: 'FORBIDDEN' },
  not_found: { status: 404, code: 'NOT_FOUND' },
  conflict: { status: 409, code: 'CONFLICT' },
  illegal_transition: { status: 409, code: 'ILLEGAL_TRANSITION' },
  out_of_stock: { status: 409, code: 'OUT_OF_STOCK' },
  not_purchasable: { status: 409, code: 'NOT_PURCHASABLE' },
  price_changed: { status: 409, code: 'PRICE_CHANGED' },
  idempotency_key_reused: { status: 409, code: 'IDEMPOTENCY_KEY_REUSED' },
};

/** The envelope code a domain error is answered with (also for per-item results inside a 200, e.g. bulk moves). */
export const domainErrorCode = (err: DomainError): ErrorCode => DOMAIN_ANSWERS[err.kind].code;

/** The status and envelope a domain error is answered with (what an idempotency record stores of a failure). */
export function domainErrorAnswer(err: DomainError): { status: number; body: ErrorEnvelope } {
  const answer = fromDomainError(err);
  return { status: answer.statusCode, body: answer.toEnvelope() };
}

function fromDomainError(err: DomainError): AppError {
  const { status, code } = DOMAIN_ANSWERS[err.kind];
  const message = err instanceof ValidationError ? (err.summary ?? DEFAULT_VALIDATION_MESSAGE) : err.message;
  const extra = err instanceof PriceChangedError ? { quote: err.quote } : undefined;
  return new AppError(status, code, message, err.details, { cause: err, extra });
}

type MaybeFastifyError = Partial<Pick<FastifyError, 'code' | 'statusCode' | 'validationContext'>> & {
  validation?: ErrorObject[];
  message?: string;
};

/**
 * The one place errors become HTTP answers. Only AppErrors, domain errors (@brandi/errors) and Fastify's own
 * client errors are described to the client; anything else is logged with its stack and answered with a masked
 * 500 naming the request id.
 */
export function createErrorHandler(unavailableWhen: UnavailablePredicate[]) {
  return function handleError(err: unknown, request: FastifyRequest, reply: FastifyReply) {
    const known = toAppError(err, unavailableWhen);
    if (known === undefined) {
      request.log.error({ err }, 'unhandled error');
      return reply.code(500).send({ error: { code: 'INTERNAL', message: `Internal server error (request ${request.id})` } });
    }
    if (known.statusCode >= 500) request.log.warn({ err }, known.message);
    else request.log.info({ code: known.code, statusCode: known.statusCode }, known.message);
    return reply.code(known.statusCode).headers(known.headers).send(known.toEnvelope());
  };
}

function toAppError(err: unknown, unavailableWhen: UnavailablePredicate[]): AppError | undefined {
  if (err instanceof AppError) return err;
  if (err instanceof DomainError) return fromDomainError(err);
  if (unavailableWhen.some((matches) => matches(err))) return unavailable(undefined, err);
  if (typeof err !== 'object' || err === null) return undefined;

  const { code, statusCode, validation, validationContext, message = '' } = err as MaybeFastifyError;
  // A route that declares If-Match required answers its absence with 428 (RFC 6585), not a generic 400.
  if (Array.isArray(validation) && validationContext === 'headers' && validation.some(isMissingIfMatch)) {
    return preconditionRequired('If-Match with the version the change is based on is required');
  }
  if (Array.isArray(validation)) return validationFailed(toErrorDetails(validation, validationContext ?? 'request'));
  if (code === 'FST_ERR_CTP_INVALID_JSON_BODY' || code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return validationFailed([{ field: 'body', message: 'must be valid JSON' }], message);
  }
  if (typeof statusCode !== 'number' || statusCode < 400 || statusCode >= 500) return undefined;
  // A plugin's 429 has already put retry-after on the reply; keep it and answer in our own words.
  if (statusCode === 429) return new AppError(429, 'RATE_LIMITED', 'Too many requests');
  return new AppError(statusCode, CODE_BY_STATUS[statusCode] ?? 'BAD_REQUEST', message);
}

const isMissingIfMatch = (error: ErrorObject) => error.keyword === 'required' && error.params.missingProperty === 'if-match';
