/**
 * Holds: the first phase of a two-phase spend (a redemption request). A hold reserves an amount
 * on the payer's account (held += amount, so it cannot be spent twice); it is then captured once
 * (posted to its destination) or voided once (released).
 *
 * Holds are append-only, like entries: opening writes the hold record (`_id` = the hold id), and
 * resolving APPENDS one resolution record (`_id` = `<holdId>:resolution`) instead of editing the
 * hold. A hold's state is derived from those two records, read by id (a bounded read, two `get`s);
 * the fixed resolution id makes a second resolution collide, so resolution is exactly-once even if
 * two transactions race. Every record carries `heldDelta` (+amount on open, −amount on
 * resolution), so an account's `held` is the sum of its hold records, as its balance is the sum of
 * its entries.
 */
import type { Currency } from './accounts';

export const HOLD_STATUSES = ['pending', 'captured', 'voided'] as const;
export type HoldStatus = (typeof HOLD_STATUSES)[number];

/** The record written when a hold is opened; never updated afterwards. */
export interface HoldOpenDoc {
  _id: string;
  /** Absent on legacy holds (see `status`). */
  record?: 'open';
  currency: Currency;
  /** The account the amount is reserved on. */
  accountId: string;
  /** Where the amount goes when captured. */
  toAccountId: string;
  amount: number;
  /** +amount; absent on legacy holds. */
  heldDelta?: number;
  reason: string;
  kind: string;
  category: string | null;
  refCollection: string | null;
  refId: string | null;
  createdAt: string;
  /**
   * Holds written before resolutions were appended carried their state here and were updated in
   * place; read for those only (see `holdState`). New holds have no status field.
   */
  status?: HoldStatus;
  resolvedAt?: string | null;
  postingId?: string | null;
  voidReason?: string | null;
}

/** The record appended when a hold is captured or voided. */
export interface HoldResolutionDoc {
  /** `<holdId>:resolution`: one per hold. */
  _id: string;
  record: 'captured' | 'voided';
  holdId: string;
  currency: Currency;
  accountId: string;
  amount: number;
  heldDelta: number;
  at: string;
  /** The posting made on capture. */
  postingId: string | null;
  voidReason: string | null;
}

export type HoldRecord = HoldOpenDoc | HoldResolutionDoc;

/** A hold as callers see it: the open record and what its resolution says. */
export interface HoldDoc {
  _id: string;
  currency: Currency;
  accountId: string;
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
  postingId: string | null;
  voidReason: string | null;
}

export const holdResolutionId = (holdId: string): string => `${holdId}:resolution`;

/** The hold's state from its records (a legacy hold, resolved in place, carries its own status). */
export function holdState(open: HoldOpenDoc, resolution: HoldResolutionDoc | null): HoldDoc {
  const legacy = open.status && open.status !== 'pending';
  return {
    _id: open._id,
    currency: open.currency,
    accountId: open.accountId,
    toAccountId: open.toAccountId,
    amount: open.amount,
    status: resolution ? resolution.record : (open.status ?? 'pending'),
    reason: open.reason,
    kind: open.kind,
    category: open.category,
    refCollection: open.refCollection,
    refId: open.refId,
    createdAt: open.createdAt,
    resolvedAt: resolution?.at ?? (legacy ? (open.resolvedAt ?? null) : null),
    postingId: resolution?.postingId ?? (legacy ? (open.postingId ?? null) : null),
    voidReason: resolution?.voidReason ?? (legacy ? (open.voidReason ?? null) : null),
  };
}

/** What a hold record adds to its account's `held` (a legacy open record counts while it is pending). */
export function heldDeltaOf(record: HoldRecord): number {
  if (record.heldDelta !== undefined) return record.heldDelta;
  return (record as HoldOpenDoc).status === 'pending' ? record.amount : 0;
}

export const isResolution = (record: HoldRecord): record is HoldResolutionDoc =>
  record.record === 'captured' || record.record === 'voided';

export type HoldAction = 'capture' | 'void';

/** The next status, or null when the transition is not allowed (already resolved). */
export function nextHoldStatus(status: HoldStatus, action: HoldAction): HoldStatus | null {
  if (status !== 'pending') return null;
  return action === 'capture' ? 'captured' : 'voided';
}
