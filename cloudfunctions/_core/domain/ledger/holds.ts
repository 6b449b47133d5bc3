/**
 * Holds: the first phase of a two-phase spend (a redemption request). A hold reserves an amount
 * on the payer's account (held += amount, so it cannot be spent twice); it is then captured once
 * (posted to its destination) or voided once (released). Resolution is exactly-once: a hold that
 * is no longer pending refuses every further transition.
 */
import type { Currency } from './accounts';

export const HOLD_STATUSES = ['pending', 'captured', 'voided'] as const;
export type HoldStatus = (typeof HOLD_STATUSES)[number];

export interface HoldDoc {
  _id: string;
  currency: Currency;
  /** The account the amount is reserved on. */
  accountId: string;
  /** Where the amount goes when captured. */
  toAccountId: string;
  amount: number;
  status: HoldStatus;
  reason: string;
  kind: string;
  category: string | null;
  refCollection: string | null;
  refId: string | null;
  createdAt: string;
  resolvedAt: string | null;
  /** The posting made on capture. */
  postingId: string | null;
  voidReason: string | null;
}

export type HoldAction = 'capture' | 'void';

/** The next status, or null when the transition is not allowed (already resolved). */
export function nextHoldStatus(status: HoldStatus, action: HoldAction): HoldStatus | null {
  if (status !== 'pending') return null;
  return action === 'capture' ? 'captured' : 'voided';
}
