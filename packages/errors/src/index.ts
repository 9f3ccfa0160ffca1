// What a use case can say went wrong, in its own words: no status codes, no envelope. The HTTP layer maps each
// kind to a status and the error envelope in one place (@brandi/http's error handler); a use case imports only
// this package.

/** A problem with one input field: `{ field: 'product.sellerId', message: 'is not a seller' }`. */
export interface FieldProblem {
  field: string;
  message: string;
}

export type DomainErrorKind =
  | 'not_found'
  | 'conflict'
  | 'illegal_transition'
  | 'validation'
  | 'not_allowed'
  | 'out_of_stock'
  | 'not_purchasable'
  | 'price_changed'
  | 'idempotency_key_reused';

export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;

  constructor(
    message: string,
    /** Per-field problems, when the error is about particular inputs. */
    readonly details?: FieldProblem[],
  ) {
    super(message);
  }
}

/** The thing does not exist, or is not visible to the one asking. The message is `${what} not found`. */
export class NotFoundError extends DomainError {
  override name = 'NotFoundError';
  readonly kind = 'not_found';

  constructor(readonly what: string) {
    super(`${what} not found`);
  }
}

/** The request clashes with the current state (a taken name, a stale version, a duplicate). */
export class ConflictError extends DomainError {
  override name = 'ConflictError';
  readonly kind = 'conflict';
}

/** A state machine refuses the step (a closed seller cannot become active again). */
export class IllegalTransitionError extends DomainError {
  override name = 'IllegalTransitionError';
  readonly kind = 'illegal_transition';
}

/**
 * The input breaks a rule. Without a message, the HTTP layer answers with its generic validation message and
 * only the details say what is wrong.
 */
export class ValidationError extends DomainError {
  override name = 'ValidationError';
  readonly kind = 'validation';
  /** The message given by the use case, if any (the generic one is the HTTP layer's). */
  readonly summary: string | undefined;

  constructor(details: FieldProblem[], summary?: string) {
    super(summary ?? `Invalid input: ${details.map((d) => `${d.field} ${d.message}`).join('; ')}`, details);
    this.summary = summary;
  }
}

/** The actor may not do this (a business rule about who, not a missing or bad credential). */
export class NotAllowedError extends DomainError {
  override name = 'NotAllowedError';
  readonly kind = 'not_allowed';
}

/** Not enough managed stock for some lines (details name them: `items[i].quantity`). */
export class OutOfStockError extends DomainError {
  override name = 'OutOfStockError';
  readonly kind = 'out_of_stock';
}

/** Some lines cannot be bought now: hidden, off sale, deleted, or the seller is not active (details name them). */
export class NotPurchasableError extends DomainError {
  override name = 'NotPurchasableError';
  readonly kind = 'not_purchasable';
}

/** The client's expected total is not what the order would cost now; `quote` is the current quote. */
export class PriceChangedError extends DomainError {
  override name = 'PriceChangedError';
  readonly kind = 'price_changed';

  constructor(
    message: string,
    readonly quote: unknown,
  ) {
    super(message);
  }
}

/** An Idempotency-Key was used before with a different request. */
export class IdempotencyKeyReusedError extends DomainError {
  override name = 'IdempotencyKeyReusedError';
  readonly kind = 'idempotency_key_reused';
}
