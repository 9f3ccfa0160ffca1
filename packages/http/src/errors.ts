import Type, { type Static } from 'typebox';
import { namedSchema, RESPONSE_DESCRIPTION, RESPONSE_NAME, withResponseHeaders } from './openapi/schemas.js';

export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'OUT_OF_STOCK',
  'NOT_PURCHASABLE',
  'PRICE_CHANGED',
  'ILLEGAL_TRANSITION',
  'IDEMPOTENCY_KEY_REUSED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'PRECONDITION_REQUIRED',
  'RATE_LIMITED',
  'REQUEST_TIMEOUT',
  'HEADERS_TOO_LARGE',
  'UNAVAILABLE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ErrorDetail = namedSchema(
  'ErrorDetail',
  Type.Object({ field: Type.String(), message: Type.String() }, { additionalProperties: false }),
);
export type ErrorDetail = Static<typeof ErrorDetail>;

const ErrorBody = Type.Object(
  {
    code: namedSchema('ErrorCode', Type.Enum(ERROR_CODES)),
    message: Type.String(),
    details: Type.Optional(Type.Array(ErrorDetail)),
    quote: Type.Optional(
      Type.Object({}, { additionalProperties: true, description: 'PRICE_CHANGED only: the current quote, as POST /orders/quote answers' }),
    ),
  },
  { additionalProperties: false },
);

export const ErrorEnvelope = namedSchema('ErrorEnvelope', Type.Object({ error: ErrorBody }, { additionalProperties: false }));
export type ErrorEnvelope = Static<typeof ErrorEnvelope>;

export interface AppErrorOptions {
  headers?: Record<string, string>;
  cause?: unknown;
  /** Extra members of the error object (PRICE_CHANGED's `quote`). */
  extra?: Record<string, unknown>;
}

/** The only error type whose status, code and message reach a client unchanged. */
export class AppError extends Error {
  override name = 'AppError';
  readonly headers: Record<string, string>;
  readonly extra: Record<string, unknown> | undefined;

  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    options: AppErrorOptions = {},
  ) {
    super(message, { cause: options.cause });
    this.headers = options.headers ?? {};
    this.extra = options.extra;
  }

  toEnvelope(): ErrorEnvelope {
    const { code, message, details } = this;
    const error = details === undefined ? { code, message } : { code, message, details };
    return { error: this.extra === undefined ? error : { ...error, ...this.extra } };
  }
}

export const DEFAULT_VALIDATION_MESSAGE = 'Request validation failed';

export const validationFailed = (details: ErrorDetail[], message = DEFAULT_VALIDATION_MESSAGE) =>
  new AppError(400, 'VALIDATION_FAILED', message, details);

export const badRequest = (message: string, details?: ErrorDetail[]) => new AppError(400, 'VALIDATION_FAILED', message, details);

export const unauthenticated = (message = 'Authentication required') => new AppError(401, 'UNAUTHENTICATED', message);

export const forbidden = (message = 'You are not allowed to do this') => new AppError(403, 'FORBIDDEN', message);

export const notFound = (what = 'Resource') => new AppError(404, 'NOT_FOUND', `${what} not found`);

export const conflict = (message: string, details?: ErrorDetail[]) => new AppError(409, 'CONFLICT', message, details);

export const payloadTooLarge = (message = 'Payload too large') => new AppError(413, 'PAYLOAD_TOO_LARGE', message);

export const unsupportedMediaType = (message = 'Unsupported media type') => new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', message);

export const preconditionRequired = (message = 'If-Match header is required') => new AppError(428, 'PRECONDITION_REQUIRED', message);

export const rateLimited = (retryAfterSeconds: number) =>
  new AppError(429, 'RATE_LIMITED', `Too many requests, retry in ${retryAfterSeconds} seconds`, undefined, {
    headers: { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))) },
  });

export const unavailable = (message = 'Service temporarily unavailable', cause?: unknown) =>
  new AppError(503, 'UNAVAILABLE', message, undefined, { cause });

// Each error status's standard response: its name under components/responses and its description.
const ERROR_RESPONSES = {
  400: ['ValidationFailed', 'Validation failed'],
  401: ['Unauthenticated', 'Missing, invalid or expired token'],
  403: ['Forbidden', 'Not allowed'],
  404: ['NotFound', 'Not found'],
  409: ['Conflict', 'Conflict'],
  413: ['PayloadTooLarge', 'Payload too large'],
  415: ['UnsupportedMediaType', 'Unsupported media type'],
  428: ['PreconditionRequired', 'Precondition required'],
  429: ['RateLimited', 'Rate limited'],
  500: ['InternalError', 'Internal error'],
  503: ['Unavailable', 'A dependency is unavailable'],
} as const;
export type ErrorStatus = keyof typeof ERROR_RESPONSES;

const RETRY_AFTER = {
  'Retry-After': { description: 'Seconds to wait before trying again', schema: Type.Integer({ minimum: 1 }) },
};

/**
 * Response-schema entries for a route's error statuses: in the OpenAPI document each is a `$ref` to the
 * standard response of that status (the error envelope; a 429 also documents Retry-After).
 */
export function errorResponses<const S extends ErrorStatus[]>(...statuses: S): { [K in S[number]]: typeof ErrorEnvelope } {
  return Object.fromEntries(
    statuses.map((status) => {
      const [name, description] = ERROR_RESPONSES[status];
      const schema = { ...ErrorEnvelope, [RESPONSE_NAME]: name, [RESPONSE_DESCRIPTION]: description };
      return [status, status === 429 ? withResponseHeaders(schema, RETRY_AFTER) : schema];
    }),
  ) as unknown as { [K in S[number]]: typeof ErrorEnvelope };
}
