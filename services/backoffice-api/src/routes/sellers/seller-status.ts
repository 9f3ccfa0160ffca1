import type { SellerStatus } from '@brandi/db';

/**
 * Legal status moves. `closing → active` cancels a pending close (퇴점 철회); `closed` is final.
 * Setting the current status again is not a move and changes nothing.
 */
const TRANSITIONS: Record<SellerStatus, readonly SellerStatus[]> = {
  pending: ['active'],
  active: ['paused', 'closing'],
  paused: ['active', 'closing'],
  closing: ['closed', 'active'],
  closed: [],
};

export function isLegalTransition(from: SellerStatus, to: SellerStatus): boolean {
  return TRANSITIONS[from].includes(to);
}
