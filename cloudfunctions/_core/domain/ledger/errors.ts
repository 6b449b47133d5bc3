/**
 * The ledger's own failures. The ledger knows nothing of the gateway: no error codes, no Chinese
 * text. The action edge (`_core/runtime/edge.ts`) maps each kind to what a person reads, in one place.
 */
export const LEDGER_ERROR_KINDS = [
  /** An amount that is not a positive safe integer, or a transfer to the same account. */
  'invalid_amount',
  /** Legs that do not sum to zero, fewer than two, or one account twice. */
  'unbalanced',
  /** An account of another currency than the posting's. */
  'currency_mismatch',
  /** A posting names an account the ledger did not load (a bug in the caller, not a user's fault). */
  'unknown_account',
  /** A user account would be spent below what it holds. */
  'insufficient_funds',
  'hold_not_found',
  /** The hold was already captured or voided (or its held amount already released): exactly-once. */
  'hold_not_open',
  /** A reversal names a posting with no entries. */
  'posting_not_found',
  /** Stored records disagree (held below a hold's amount): never a user's fault. */
  'corrupt',
  /** A malformed account id or owner: a bug in the caller. */
  'invalid_account',
  /** The API used the wrong way (a community balance read inside a transaction): a bug in the caller. */
  'misuse',
] as const;
export type LedgerErrorKind = (typeof LEDGER_ERROR_KINDS)[number];

export class LedgerError extends Error {
  constructor(
    readonly kind: LedgerErrorKind,
    detail: string,
  ) {
    super(`${kind}: ${detail}`);
    this.name = 'LedgerError';
  }
}

export const isLedgerError = (error: unknown, kind?: LedgerErrorKind): error is LedgerError =>
  error instanceof LedgerError && (kind === undefined || error.kind === kind);
