import Type, { type Static } from 'typebox';

export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'ILLEGAL_TRANSITION',
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

export const ErrorDetail = Type.Object({ field: Type.String(), message: Type.String() }, { additionalProperties: false });
export type ErrorDetail = Static<typeof ErrorDetail>;

const ErrorBody = Type.Object(
  {
    code: Type.Enum(ERROR_CODES),
    message: Type.String(),
    details: Type.Optional(Type.Array(ErrorDetail)),
  },
  { additionalProperties: false },
);

export const ErrorEnvelope = Type.Object({ error: ErrorBody }, { additionalProperties: false });
export type ErrorEnvelope = Static<typeof ErrorEnvelope>;

export interface AppErrorOptions {
  headers?: Record<string, string>;
  cause?: unknown;
}

/** The only error type whose status, code and message reach a client unchanged. */
export class AppError extends Error {
  override name = 'AppError';
  readonly headers: Record<string, string>;

  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    options: AppErrorOptions = {},
  ) {
    super(message, { cause: options.cause });
    this.headers = options.headers ?? {};
  }

  toEnvelope(): ErrorEnvelope {
    const { code, message, details } = this;
    return { error: details === undefined ? { code, message } : { code, message, details } };
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

const ERROR_DESCRIPTIONS = {
  400: 'Validation failed',
  401: 'Missing, invalid or expired token',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  428: 'Precondition required',
  429: 'Rate limited',
  500: 'Internal error',
  503: 'A dependency is unavailable',
} as const;
export type ErrorStatus = keyof typeof ERROR_DESCRIPTIONS;

/** Response-schema entries for a route's error statuses, so they appear in the OpenAPI document. */
export function errorResponses<const S extends ErrorStatus[]>(...statuses: S): { [K in S[number]]: typeof ErrorEnvelope } {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      Type.Object({ error: ErrorBody }, { additionalProperties: false, description: ERROR_DESCRIPTIONS[status] }),
    ]),
  ) as { [K in S[number]]: typeof ErrorEnvelope };
}
