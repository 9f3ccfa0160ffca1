import type { Database, OrderActorKind, OrderItemTable } from '@brandi/db';
import { ValidationError } from '@brandi/errors';
import type { Kysely, Updateable } from 'kysely';
import type { MoveNeed } from './moves.js';

/** What a move may carry besides its target; which of these a move needs is the move table's `needs`. */
export interface MoveInput {
  /** A cancel reason (to `cancelled`) or a refund reason (to `refund_requested`). */
  reasonId?: number;
  /** The shopper's refund detail (to `refund_requested`, optional). */
  detail?: string;
  carrierId?: number;
  trackingNo?: string;
  /** Why a seller or admin rejected a refund request (`refund_requested` → `delivered`). */
  rejectReason?: string;
}

export interface MoveFields {
  reasonId: number | null;
  reasonText: string | null;
  carrierId: number | null;
  trackingNo: string | null;
  itemColumns: Updateable<OrderItemTable>;
}

const NONE: MoveFields = { reasonId: null, reasonText: null, carrierId: null, trackingNo: null, itemColumns: {} };
const TEXT_MAX = 500;
const TRACKING_MAX = 50;

const invalid = (field: string, message: string) => new ValidationError([{ field, message }]);

function text(value: string | undefined, field: string, max: number, required: boolean): string | null {
  const trimmed = value?.trim() ?? '';
  if (trimmed === '') {
    if (required) throw invalid(field, 'is required for this move');
    return null;
  }
  if (trimmed.length > max) throw invalid(field, `must be at most ${max} characters`);
  return trimmed;
}

type Reader = Kysely<Database>;

/** The reference rows a move's needs name, each read by id. */
const REFERENCE_READS = {
  cancelReason: (db: Reader, id: number) =>
    db.selectFrom('order_cancel_reasons').select('shopper_allowed').where('id', '=', id).executeTakeFirst(),
  refundReason: (db: Reader, id: number) => db.selectFrom('order_refund_reasons').select('id').where('id', '=', id).executeTakeFirst(),
  carrier: (db: Reader, id: number) => db.selectFrom('carriers').select('id').where('id', '=', id).executeTakeFirst(),
};
export type ReferenceKind = keyof typeof REFERENCE_READS;
type ReferenceRow<K extends ReferenceKind> = Awaited<ReturnType<(typeof REFERENCE_READS)[K]>>;

/**
 * Reference rows (cancel and refund reasons, carriers) read once for a batch of moves: a caller moving many items
 * with one reason or carrier creates one (createMoveReferences), checks the request with it and passes it to
 * every transitionItem, so each row is read once a request rather than once an item. The checks themselves stay
 * in every move; a move without one reads its own.
 */
export type MoveReferences = Map<string, Promise<unknown>>;
export const createMoveReferences = (): MoveReferences => new Map();

/** A reference row by id (undefined: no such row), from `references` when it has read it already. */
export function readReference<K extends ReferenceKind>(
  db: Reader,
  kind: K,
  id: number,
  references?: MoveReferences,
): Promise<ReferenceRow<K>> {
  const read = () => REFERENCE_READS[kind](db, id) as Promise<ReferenceRow<K>>;
  if (references === undefined) return read();
  const key = `${kind}:${id}`;
  let row = references.get(key) as Promise<ReferenceRow<K>> | undefined;
  if (row === undefined) {
    row = read();
    references.set(key, row);
    // A failed read is not remembered: the next move reads again.
    row.catch(() => references.delete(key));
  }
  return row;
}

/**
 * Checks what the move needs (reference ids against their tables, through `references` when given) and returns
 * what it writes; throws VALIDATION otherwise.
 */
export async function checkMoveNeeds(
  trx: Reader,
  needs: readonly MoveNeed[],
  actor: OrderActorKind,
  input: MoveInput,
  references?: MoveReferences,
): Promise<MoveFields> {
  // Every move of API.md's table needs one thing at most.
  switch (needs[0]) {
    case 'cancelReason': {
      if (input.reasonId === undefined) throw invalid('reasonId', 'is required to cancel');
      const reason = await readReference(trx, 'cancelReason', input.reasonId, references);
      if (!reason) throw invalid('reasonId', 'is not a cancel reason');
      if (actor === 'shopper' && !reason.shopper_allowed) throw invalid('reasonId', 'is a reason only the seller may give');
      return { ...NONE, reasonId: input.reasonId, itemColumns: { cancel_reason_id: input.reasonId } };
    }
    case 'refundReason': {
      if (input.reasonId === undefined) throw invalid('reasonId', 'is required to request a refund');
      const reason = await readReference(trx, 'refundReason', input.reasonId, references);
      if (!reason) throw invalid('reasonId', 'is not a refund reason');
      const detail = text(input.detail, 'detail', TEXT_MAX, false);
      return {
        ...NONE,
        reasonId: input.reasonId,
        reasonText: detail,
        itemColumns: { refund_reason_id: input.reasonId, refund_detail: detail },
      };
    }
    case 'shipment': {
      if (input.carrierId === undefined) throw invalid('carrierId', 'is required to ship');
      const trackingNo = text(input.trackingNo, 'trackingNo', TRACKING_MAX, true);
      const carrier = await readReference(trx, 'carrier', input.carrierId, references);
      if (!carrier) throw invalid('carrierId', 'is not a carrier');
      return { ...NONE, carrierId: input.carrierId, trackingNo, itemColumns: { carrier_id: input.carrierId, tracking_no: trackingNo } };
    }
    case 'rejectReason': {
      const reasonText = text(input.rejectReason, 'rejectReason', TEXT_MAX, true);
      // The request is closed: the item is delivered again and may be asked for a refund anew.
      return { ...NONE, reasonText, itemColumns: { refund_reason_id: null, refund_detail: null } };
    }
    default:
      return NONE;
  }
}
