/**
 * Moving community (迁居): a resident already living somewhere asks to move; a staff member of the
 * new community approves (never the mover). Green coins stay with the community that issued them:
 * on an approved move what the person could spend at home becomes "carried" for that community,
 * and a shop only accepts coins it issued (see docs/LEDGER.md).
 */
export const MOVE_COLLECTIONS = {
  /** One per person (`move-<userId>`): the latest request. */
  moves: 'community_moves',
  /** One per person: green coins held for communities other than the current home. */
  carried: 'gc_carried',
} as const;

export type MoveStatus = 'pending' | 'approved' | 'rejected';

export interface MoveDoc {
  _id: string;
  userId: string;
  fromCommunityId: string;
  fromGridId: string | null;
  toCommunityId: string;
  toGridId: string;
  status: MoveStatus;
  createdAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  rejectReason: string | null;
}

export interface CarriedDoc {
  _id: string;
  /** communityId → coins issued there that may be spent only there. */
  byCommunity: Record<string, number>;
}

export const moveId = (userId: string): string => `move-${userId}`;

/** Coins of the balance that may not be spent in `communityId` (they belong to other communities). */
export function lockedOutside(carried: CarriedDoc | null, communityId: string): number {
  if (!carried) return 0;
  return Object.entries(carried.byCommunity)
    .filter(([id]) => id !== communityId)
    .reduce((sum, [, amount]) => sum + Math.max(0, amount), 0);
}

/**
 * The carried map after moving `from` → `to` with `available` coins: what was spendable at the old
 * home is now held for it; coins carried for the new home become spendable again.
 */
export function carryOnMove(
  carried: CarriedDoc | null,
  input: { from: string; to: string; available: number },
): Record<string, number> {
  const next: Record<string, number> = { ...(carried?.byCommunity ?? {}) };
  const spendableAtOldHome = Math.max(0, input.available - lockedOutside(carried, input.from));
  if (spendableAtOldHome > 0) next[input.from] = spendableAtOldHome;
  else delete next[input.from];
  delete next[input.to];
  return next;
}
